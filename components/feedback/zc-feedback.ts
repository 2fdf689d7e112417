import { ZcFeedback } from './zc-feedback.component.js';

export * from './zc-feedback.component.js';
export default ZcFeedback;

if (!customElements.get('zc-feedback')) customElements.define('zc-feedback', ZcFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'zc-feedback': ZcFeedback;
  }
}
