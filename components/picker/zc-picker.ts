import { ZcPicker } from './zc-picker.component.js';

export * from './zc-picker.component.js';
export default ZcPicker;

// Several copies of the SDK (or a host that already loaded the chunk) may share one registry.
if (!customElements.get('zc-picker')) customElements.define('zc-picker', ZcPicker);

declare global {
  interface HTMLElementTagNameMap {
    'zc-picker': ZcPicker;
  }
}
