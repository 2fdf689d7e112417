import { expect, waitUntil } from '@open-wc/testing';
import type { AgentStatus } from '../../src/agent/agent-host.js';
import { ZeroCall } from '../../src/index.js';
import { packWith } from '../engine/recorded.js';
import { fakeRelay, type FakeRelay } from '../support/fake-relay.js';
import { startMsw } from '../support/msw.js';
import { resetStore } from '../support/store.js';

const BASE = '/relay/v1';

describe('ZeroCall.connect, disconnect and agent (npm entry)', () => {
  let relay: FakeRelay;
  beforeEach(async () => {
    await resetStore();
    sessionStorage.clear();
    relay = fakeRelay(BASE);
    await startMsw(...relay.handlers);
  });
  afterEach(async () => {
    await ZeroCall.shutdown();
    sessionStorage.clear();
  });

  it('needs a running SDK and a relay URL, and says so', async () => {
    let error: unknown;
    await ZeroCall.connect({ url: BASE }).catch((e: unknown) => (error = e));
    expect(String(error)).to.equal('TypeError: ZeroCall: connect() needs a running SDK: call it after init() resolved true.');
    await ZeroCall.init({ pack: packWith([{ id: 'r' }]) });
    error = undefined;
    await ZeroCall.connect().catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('connect({ url, token }) needs the relay URL (or data-agent-channel on the script tag)');
    expect(ZeroCall.agent).to.deep.equal({ state: 'off' });
  });

  it('resolves once the code is shown, reports each change, and ends for both sides on disconnect', async () => {
    const heard: AgentStatus[] = [];
    ZeroCall.on('agent', (s) => heard.push(s));
    await ZeroCall.init({ pack: packWith([{ id: 'r' }]) });
    const status = await ZeroCall.connect({ url: BASE, token: 'app-token' });
    expect(status).to.include({ state: 'waiting', code: '482913' });
    expect(ZeroCall.agent).to.equal(status);
    expect(relay.creates[0]!.auth).to.equal('Bearer app-token');
    expect(await ZeroCall.connect({ url: BASE, token: 'app-token' }), 'connecting again keeps the session').to.equal(status);
    expect(relay.creates).to.have.length(1);
    await ZeroCall.disconnect();
    expect(relay.deletes).to.deep.equal(['s1']);
    expect(ZeroCall.agent).to.deep.equal({ state: 'ended', endedBy: 'user', reason: 'ended' });
    expect(heard.map((s) => s.state)).to.deep.equal(['connecting', 'waiting', 'ended']);
    expect(document.querySelector('zc-agent-bar')).to.equal(null);
  });

  it('opens at init with agentChannel (data-agent-channel), and the next init in the tab resumes the session', async () => {
    await ZeroCall.init({ pack: packWith([{ id: 'r' }]), agentChannel: { url: BASE, token: 'app-token' } });
    await waitUntil(() => ZeroCall.agent.state === 'waiting', 'waiting', { timeout: 5000 });
    await waitUntil(() => relay.open(), 'listening');
    relay.send('paired', { type: 'paired', name: 'Mei' });
    await waitUntil(() => ZeroCall.agent.state === 'paired', 'paired');
    await ZeroCall.shutdown();
    expect(ZeroCall.agent).to.deep.equal({ state: 'off' });
    expect(document.querySelector('zc-agent-bar')).to.equal(null);
    // The next page of the tab: no agentChannel, yet the shared session carries on.
    await ZeroCall.init({ pack: packWith([{ id: 'r' }]) });
    await waitUntil(() => ZeroCall.agent.state === 'paired', 'resumed', { timeout: 5000 });
    expect(ZeroCall.agent).to.deep.equal({ state: 'paired', agent: 'Mei' });
    expect(relay.creates).to.have.length(1);
    await waitUntil(() => relay.connections.length === 2, 'listening again');
    expect(relay.connections[1]!.lastEventId).to.equal('1');
  });
});
