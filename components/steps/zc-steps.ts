import { ZcSteps } from './zc-steps.component.js';

export * from './zc-steps.component.js';
export default ZcSteps;

// Several copies of the SDK (or a host that already loaded the chunk) may share one registry.
if (!customElements.get('zc-steps')) customElements.define('zc-steps', ZcSteps);

declare global {
  interface HTMLElementTagNameMap {
    'zc-steps': ZcSteps;
  }
}
