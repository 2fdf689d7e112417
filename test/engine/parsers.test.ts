import { expect } from '@open-wc/testing';
import { parseDuration } from '../../src/engine/duration.js';
import { matchGlob } from '../../src/engine/glob.js';
import { satisfiesRange } from '../../src/pack/sdk-range.js';

describe('pack value parsers', () => {
  it('parses durations and rejects anything else', () => {
    expect([parseDuration('500ms'), parseDuration('30s'), parseDuration('2m'), parseDuration('1h'), parseDuration('1d')]).to.deep.equal([500, 30_000, 120_000, 3_600_000, 86_400_000]);
    for (const bad of ['', '30', 's', '1.5s', '-1s', '30 s', '1w', 30, null]) expect(parseDuration(bad), String(bad)).to.equal(undefined);
  });

  it('matches page globs with * and ? only', () => {
    expect(matchGlob('/checkout*', '/checkout')).to.equal(true);
    expect(matchGlob('/checkout*', '/checkout/step/2')).to.equal(true);
    expect(matchGlob('/orders/?', '/orders/7')).to.equal(true);
    expect(matchGlob('/orders/?', '/orders/77')).to.equal(false);
    expect(matchGlob('*/edit', '/orders/7/edit')).to.equal(true);
    expect(matchGlob('/a.b', '/aXb')).to.equal(false);
    expect(matchGlob('*', '/anything')).to.equal(true);
  });

  it('matches a hostile glob in linear-ish time instead of hanging', () => {
    // Would be catastrophic for a backtracking regex engine.
    expect(matchGlob('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).to.equal(false);
  });

  it('checks SDK ranges like npm', () => {
    expect(satisfiesRange('0.1.0', '^0.1')).to.equal(true);
    expect(satisfiesRange('0.2.0', '^0.1')).to.equal(false);
    expect(satisfiesRange('1.4.2', '^1')).to.equal(true);
    expect(satisfiesRange('2.0.0', '^1.2')).to.equal(false);
    expect(satisfiesRange('1.2.9', '~1.2')).to.equal(true);
    expect(satisfiesRange('1.3.0', '~1.2')).to.equal(false);
    expect(satisfiesRange('0.1.0', '>=0.1')).to.equal(true);
    expect(satisfiesRange('0.1.0', '*')).to.equal(true);
    expect(satisfiesRange('0.1.0', 'latest')).to.equal(undefined);
  });
});
