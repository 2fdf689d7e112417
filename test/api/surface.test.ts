import { expect } from '@open-wc/testing';
import * as npmEntry from '../../src/index.js';

/** Pins the public surface: a change here is an API change and must be deliberate. */
describe('exported surface', () => {
  it('the npm entry exports only ZeroCall, with exactly the documented members', () => {
    expect(Object.keys(npmEntry)).to.deep.equal(['ZeroCall']);
    expect(Object.keys(npmEntry.ZeroCall).sort()).to.deep.equal(['action', 'agent', 'connect', 'consent', 'debug', 'disconnect', 'identify', 'init', 'on', 'preferences', 'provide', 'shutdown', 'track', 'version']);
  });
});
