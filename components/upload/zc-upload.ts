import { ZcUpload } from './zc-upload.component.js';

export * from './zc-upload.component.js';
export default ZcUpload;

// Several copies of the SDK (or a host that already loaded the chunk) may share one registry.
if (!customElements.get('zc-upload')) customElements.define('zc-upload', ZcUpload);

declare global {
  interface HTMLElementTagNameMap {
    'zc-upload': ZcUpload;
  }
}
