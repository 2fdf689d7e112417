import { ZcAction } from './zc-action.component.js';

export * from './zc-action.component.js';
export default ZcAction;

// Several copies of the SDK (or a host that already loaded the chunk) may share one registry.
if (!customElements.get('zc-action')) customElements.define('zc-action', ZcAction);

declare global {
  interface HTMLElementTagNameMap {
    'zc-action': ZcAction;
  }
}
