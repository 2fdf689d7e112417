/**
 * The agent channel file (dist/zerocall-agent.js; a lazy chunk in the npm build), loaded only
 * when a page shares a session with a support agent (`ZeroCall.connect`). Defines
 * `<zc-agent-bar>` and opens the channel (src/agent/channel.ts) behind it.
 */
import type { AgentChannel, AgentChunk, AgentHost, AgentStatus, ConnectOptions } from '../../src/agent/agent-host.js';
import { openChannel } from '../../src/agent/channel.js';
import { ZcAgentBar } from './zc-agent-bar.component.js';
import { strings } from './zc-agent-bar.strings.js';

export { ZcAgentBar } from './zc-agent-bar.component.js';

declare global {
  interface HTMLElementTagNameMap {
    'zc-agent-bar': ZcAgentBar;
  }
}

/** Opens the shared session with the bar that shows it; one bar per page. */
export function startChannel(host: AgentHost, options: ConnectOptions | undefined): AgentChannel {
  if (!customElements.get('zc-agent-bar')) customElements.define('zc-agent-bar', ZcAgentBar);
  const doc = host.win.document;
  const view = (on: { end(): void; renew(): void; close(): void }) => {
    for (const old of doc.querySelectorAll('zc-agent-bar')) old.remove();
    const bar = doc.createElement('zc-agent-bar');
    bar.locale = host.locale;
    bar.addEventListener('zc-agent-end', host.guard.wrap('agent', () => on.end()));
    bar.addEventListener('zc-agent-renew', host.guard.wrap('agent', () => on.renew()));
    bar.addEventListener('zc-agent-close', host.guard.wrap('agent', () => on.close()));
    doc.body.append(bar);
    return {
      show: (s: AgentStatus, renewable: boolean) => void Object.assign(bar, { status: s, renewable }),
      remove: () => bar.remove(),
    };
  };
  return openChannel(host, options, view, strings[host.locale].confirmPush);
}

/** What the core imports; checked against the interface it expects. */
export const chunk: AgentChunk = { startChannel };
