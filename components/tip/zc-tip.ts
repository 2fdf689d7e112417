import { ZcTip } from './zc-tip.component.js';

export * from './zc-tip.component.js';
export default ZcTip;

if (!customElements.get('zc-tip')) customElements.define('zc-tip', ZcTip);

declare global {
  interface HTMLElementTagNameMap {
    'zc-tip': ZcTip;
  }
}
