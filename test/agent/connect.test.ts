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

  it('opens at init with agentChannel (data-agent-channel); shutdown ends the shared session for both sides', async () => {
    await ZeroCall.init({ pack: packWith([{ id: 'r' }]), agentChannel: { url: BASE, token: 'app-token' } });
    await waitUntil(() => ZeroCall.agent.state === 'waiting', 'waiting', { timeout: 5000 });
    await waitUntil(() => relay.open(), 'listening');
    relay.send('paired', { type: 'paired', name: 'Mei' });
    await waitUntil(() => ZeroCall.agent.state === 'paired', 'paired');
    await ZeroCall.shutdown();
    expect(ZeroCall.agent).to.deep.equal({ state: 'off' });
    await waitUntil(() => relay.deletes.length === 1, 'the relay hears it');
    expect(document.querySelector('zc-agent-bar')).to.equal(null);
    expect(sessionStorage.getItem('zc:agent')).to.equal(null);
  });

  it("a page load in the tab resumes its shared session where the last page left it, without asking for a new one", async () => {
    // What the last page left in the tab: a paired session, and the last event it saw.
    sessionStorage.setItem('zc:agent', JSON.stringify({ session: 's1', key: 'user-key', code: '482913', codeExpires: 0, expires: Date.now() + 1_800_000, url: new URL(BASE, location.href).href, last: '4', agent: 'Mei' }));
    await ZeroCall.init({ pack: packWith([{ id: 'r' }]) });
    await waitUntil(() => ZeroCall.agent.state === 'paired', 'resumed', { timeout: 5000 });
    expect(ZeroCall.agent).to.deep.equal({ state: 'paired', agent: 'Mei' });
    expect(relay.creates).to.have.length(0);
    await waitUntil(() => relay.connections.length === 1, 'listening again');
    expect(relay.connections[0]).to.deep.equal({ auth: 'Bearer user-key', lastEventId: '4' });
    await waitUntil(() => relay.posts.some((p) => p.type === 'context'), 'the agent learns the new page');
  });

  it('a disconnect while the agent file loads leaves nothing open; a broken saved session is dropped quietly', async () => {
    sessionStorage.setItem('zc:agent', '{"session": 3}');
    await ZeroCall.init({ pack: packWith([{ id: 'r' }]) });
    await waitUntil(() => ZeroCall.agent.state === 'off' && sessionStorage.getItem('zc:agent') === null, 'dropped', { timeout: 5000 });
    expect(document.querySelector('zc-agent-bar')).to.equal(null);
    const connecting = ZeroCall.connect({ url: BASE, token: 'app-token' });
    await ZeroCall.disconnect();
    expect(await connecting).to.deep.equal({ state: 'off' });
    expect(relay.creates).to.have.length(0);
    expect(document.querySelector('zc-agent-bar')).to.equal(null);
  });
});
