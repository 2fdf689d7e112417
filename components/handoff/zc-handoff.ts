import { ZcHandoff } from './zc-handoff.component.js';

export * from './zc-handoff.component.js';
export default ZcHandoff;

// Several copies of the SDK (or a host that already loaded the chunk) may share one registry.
if (!customElements.get('zc-handoff')) customElements.define('zc-handoff', ZcHandoff);

declare global {
  interface HTMLElementTagNameMap {
    'zc-handoff': ZcHandoff;
  }
}
