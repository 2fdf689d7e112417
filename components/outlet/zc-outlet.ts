import { ZcOutlet } from './zc-outlet.component.js';

export * from './zc-outlet.component.js';
export default ZcOutlet;

if (!customElements.get('zc-outlet')) customElements.define('zc-outlet', ZcOutlet);

declare global {
  interface HTMLElementTagNameMap {
    'zc-outlet': ZcOutlet;
  }
}
