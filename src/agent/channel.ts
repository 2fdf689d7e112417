/**
 * The page's end of a shared session (docs/agent-push.md): asks the relay for a session, shows
 * the code, listens for pushes over SSE, mounts each one through the SDK's own checks and mount
 * stage, and tells the agent what became of it. Runs in the lazily loaded agent file.
 */
import type { ZcRecord } from '../../components/host.js';
import type { AgentChannel, AgentHost, AgentStatus, ConnectOptions } from './agent-host.js';
import { checkPush } from './check-push.js';
import { checkMessage, PROTOCOL, type AnswerMessage, type MessageProblem, type PushMessage, type SessionCreated, type ToUser, type UserMessage } from './protocol.js';
import { openStream, relayRequest, type Stream } from './sse.js';

/** What a tab keeps of its shared session across page loads. */
interface Saved extends SessionCreated {
  readonly url: string;
  /** The last event seen, to resume after. */
  last?: string;
  /** The agent's name once paired ('' when it gave none). */
  agent?: string;
  /** The record the user last picked: a later push acts on it. */
  record?: ZcRecord;
}

/** What the channel shows the user; the bar (zc-agent-bar) implements it. */
export interface AgentView {
  /** `renewable`: a new code can be had (connect() gave the relay and token; a resumed session has no token). */
  show(status: AgentStatus, renewable: boolean): void;
  remove(): void;
}

/** The page takes at most this many pushes within PUSH_WINDOW ms; more are refused. */
export const PUSH_LIMIT = 3;
export const PUSH_WINDOW = 10_000;
/** Tries for a message the relay could not take (network, 5xx, 429). */
const POST_TRIES = 4;

const load = (win: Window, key: string): Saved | undefined => {
  try {
    const v = JSON.parse(win.sessionStorage.getItem(key) ?? 'null') as Saved | null;
    if (v && typeof v.session === 'string' && typeof v.key === 'string' && typeof v.url === 'string' && typeof v.code === 'string') return v;
    win.sessionStorage.removeItem(key);
    return undefined;
  } catch {
    return undefined;
  }
};
const keep = (win: Window, key: string, s: Saved | undefined): void => {
  try {
    if (s) win.sessionStorage.setItem(key, JSON.stringify(s));
    else win.sessionStorage.removeItem(key);
  } catch {
    // No storage: the session lasts this page.
  }
};
const format = (problems: readonly MessageProblem[]): string => problems.map((p) => `${p.path || '/'}: ${p.message}`).join('; ');

/** Opens (or, with nothing but a saved session, resumes) the shared session. */
export function openChannel(host: AgentHost, options: ConnectOptions | undefined, view: (actions: { end(): void; renew(): void; close(): void }) => AgentView, confirm: string): AgentChannel {
  const { win } = host;
  const fetcher = win.fetch.bind(win);
  const base = options ? new URL(options.url, win.location.href).href.replace(/\/+$/, '') : undefined;
  let saved = load(win, host.store);
  // Asked for another relay than the one the tab shares a session with: that one is over.
  if (saved && base && saved.url !== base) saved = undefined;
  let stream: Stream | undefined;
  let done = false;
  let current: string | undefined;
  let recent: number[] = [];
  let outbox = Promise.resolve();
  const timers: Array<() => void> = [];
  let stopListening = (): void => undefined;
  let cancelCode = (): void => undefined;
  let status: AgentStatus = { state: 'connecting' };

  const ui = view({ end: () => void channel.end(), renew, close: () => ui.remove() });
  const set = (s: AgentStatus): void => {
    status = s;
    ui.show(s, options !== undefined);
    host.status(s);
  };
  const paired = (): boolean => status.state === 'paired';
  /** A session that expires before any agent paired is a code nobody used: the user may ask for a new one. */
  const expired = (): 'expired' | 'code-expired' => (paired() ? 'expired' : 'code-expired');
  const at = (s: Saved, path = ''): string => `${s.url}/sessions/${encodeURIComponent(s.session)}${path}`;
  const wait = (ms: number): Promise<void> => new Promise((resolve) => timers.push(host.after(ms, resolve)));

  /** Sends in order; what the relay could not take for a moment is tried again. */
  const post = (m: UserMessage): void => {
    const s = saved;
    if (!s) return;
    outbox = outbox.then(async () => {
      for (let tries = 1; !done; tries++) {
        // keepalive: an answer sent as the user follows a link still arrives (messages stay under its 64 KB);
        // a retry goes without it, in case the browser refuses keepalive for a relay on another origin.
        const r = await relayRequest(fetcher, 'POST', at(s, '/messages'), s.key, m, tries === 1);
        if (r.ok) return;
        const passing = r.status === 0 || r.status === 429 || r.status >= 500;
        if (!passing || tries === POST_TRIES) return host.warn('agent-post', `the agent relay did not take a "${m.type}" message: ${r.error.message}`);
        await wait(1000 * 2 ** tries);
      }
    });
  };
  const answer = (a: Omit<AnswerMessage, 'type'>): void => post({ type: 'answer', ...a });
  /** What the agent sees of the session: pages and signals as a hand-off has them, and what it may push. */
  const sendContext = (): void => {
    const p = host.packet();
    const signals = p.signals.map(({ signal, t, page, target }) => ({ signal, t, page: page.slice(0, 2000), ...(target ? { target: target.slice(0, 2000) } : {}) }));
    const rules = host.pack.rules.filter((r) => r.enabled !== false).map((r) => ({
      id: r.id,
      // pack/flow.ts firstStep, spelled out: this lazy file imports nothing of the core's code.
      component: 'flow' in r.solution ? r.solution.flow.steps[r.solution.flow.start]!.component : r.solution.component,
    }));
    post({ type: 'context', page: p.page.slice(0, 2000), pages: p.pages.map((x) => x.slice(0, 2000)), signals, pack: host.ref, locale: host.locale, ...host.names(), rules });
  };

  const refuse = (push: string, problems: MessageProblem[]): void => {
    host.warn('agent-refused', `a solution the agent pushed was refused: ${format(problems)}`);
    answer({ push, outcome: 'refused', problems });
  };

  function receive(m: PushMessage): void {
    const problems = checkMessage('agent', m);
    if (problems.length > 0) return refuse(typeof m.id === 'string' && /^[\w-]{1,64}$/.test(m.id) ? m.id : 'invalid', problems);
    const now = host.now();
    recent = recent.filter((t) => now - t < PUSH_WINDOW);
    if (recent.length >= PUSH_LIMIT) return refuse(m.id, [{ path: '', message: `too many pushes: at most ${PUSH_LIMIT} within ${PUSH_WINDOW / 1000} s; this one was not shown, push it again in a moment` }]);
    recent.push(now);
    const checked = checkPush(m, host, confirm);
    if (Array.isArray(checked)) return refuse(m.id, checked);
    // One pushed solution at a time: the agent's next one takes the place of the last.
    if (current) host.close(current);
    current = m.id;
    host.mount(m.id, { ...checked, record: saved?.record });
  }

  function onEvent(type: string, data: string, id: string | undefined): void {
    if (!saved || done) return;
    let m: ToUser;
    try {
      m = JSON.parse(data) as ToUser;
    } catch {
      m = null as unknown as ToUser;
    }
    if (typeof m !== 'object' || m === null) return host.warn('agent-event', `the agent relay sent a "${type}" event that is not a JSON object; it was ignored`);
    saved.last = id;
    if (m.type === 'paired') {
      saved.agent = typeof m.name === 'string' ? m.name.slice(0, 64) : '';
      begin();
    } else if (m.type === 'push') receive(m);
    else if (m.type === 'end') finish(m.by === 'agent' || m.by === 'user' ? m.by : 'relay', m.reason === 'expired' ? expired() : 'ended');
    keep(win, host.store, saved);
  }

  /** The agent is here: the SDK's own help holds back, the agent gets the context. */
  function begin(): void {
    if (paired() || !saved) return;
    cancelCode(); // it was used
    set({ state: 'paired', agent: saved.agent ?? '' });
    host.paired(true);
    sendContext();
  }

  function finish(by: 'user' | 'agent' | 'relay', reason: 'ended' | 'expired' | 'code-expired'): void {
    if (done) return;
    const wasPaired = paired();
    done = true;
    stream?.close();
    stopListening();
    cancelCode();
    for (const t of timers.splice(0)) t();
    if (wasPaired) host.paired(false);
    if (current) host.close(current);
    saved = undefined;
    keep(win, host.store, undefined);
    set({ state: 'ended', endedBy: by, reason });
  }

  async function start(): Promise<void> {
    if (!saved) {
      if (!base) {
        // Nothing (readable) to resume and nothing asked for: no bar, no noise.
        done = true;
        ui.remove();
        return host.status({ state: 'off' });
      }
      host.own(base);
      const r = await relayRequest<SessionCreated>(fetcher, 'POST', `${base}/sessions`, options?.token ?? '', { protocol: PROTOCOL, sdk: host.sdk, pack: host.ref, locale: host.locale });
      // Ended (or the SDK stopped) while the relay answered: that session is not wanted.
      if (done) return void (r.ok && relayRequest(fetcher, 'DELETE', at({ ...r.value, url: base }), r.value.key));
      if (!r.ok) {
        host.warn('agent-start', `the agent relay did not start a shared session: ${r.error.message}`);
        done = true;
        return set({ state: 'failed', error: `${r.error.message} (${r.error.error})` });
      }
      saved = { ...r.value, url: base };
      keep(win, host.store, saved);
    } else host.own(saved.url);
    const s = saved;
    stopListening = host.listen({
      signal: (x) => paired() && post({ type: 'signal', ...x }),
      page: () => paired() && sendContext(),
      outcome(push, outcome, extra, record) {
        if (outcome === 'transition') return; // zc-agent/1 answers with what each step did; the next step's "shown" says it moved
        // Within the protocol's limits, so an answer about a long record still gets through.
        const picked = record && { id: record.id.slice(0, 200), label: record.label.slice(0, 500) };
        if (outcome === 'picked' && record && saved) keep(win, host.store, Object.assign(saved, { record }));
        if (push === current && (outcome === 'dismissed' || outcome === 'dont-show-again' || outcome === 'closed')) current = undefined;
        answer({ push, outcome: outcome === 'held-out' ? 'closed' : outcome, ...(picked && { record: picked }), ...(extra.step !== undefined && { step: extra.step }), ...(extra.reason !== undefined && { reason: extra.reason }) });
      },
    });
    if (s.agent !== undefined) begin();
    else {
      set({ state: 'waiting', code: s.code, codeExpires: s.codeExpires });
      cancelCode = host.after(Math.max(0, s.codeExpires - host.now()), () => void expireCode());
    }
    stream = openStream({
      url: at(s, '/events'),
      key: s.key,
      fetch: fetcher,
      after: host.after,
      lastEventId: s.last,
      onEvent: host.guard.wrap('agent', (e) => onEvent(e.type, e.data, e.id)),
      // A session gone before any agent paired is a code nobody used; one gone after, simply ended.
      onEnd: host.guard.wrap('agent', () => finish('relay', paired() ? 'ended' : 'code-expired')),
    });
  }

  /** Nobody paired in time: the code is void, the user can ask for a new one. */
  async function expireCode(): Promise<void> {
    const s = saved;
    finish('relay', 'code-expired');
    if (s) await relayRequest(fetcher, 'DELETE', at(s), s.key);
  }

  /** A new code after the last one expired: the SDK connects again, as connect() did. */
  function renew(): void {
    if (!done || !options) return;
    ui.remove();
    host.renew();
  }

  const channel: AgentChannel = {
    async end() {
      const s = saved;
      finish('user', 'ended');
      ui.remove();
      // The agent hears it from the relay; a relay that cannot be reached lets the session expire.
      if (s) await relayRequest(fetcher, 'DELETE', at(s), s.key);
    },
    detach() {
      done = true;
      stream?.close();
      stopListening();
      cancelCode();
      for (const t of timers.splice(0)) t();
      ui.remove();
    },
  };
  void start().catch((error: unknown) => host.warn('agent-start', `the shared session could not start (${error instanceof Error ? error.message : String(error)})`));
  return channel;
}
