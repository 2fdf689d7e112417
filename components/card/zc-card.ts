import { ZcCard } from './zc-card.component.js';

export * from './zc-card.component.js';
export default ZcCard;

// Several copies of the SDK (or a host that already loaded the chunk) may share one registry.
if (!customElements.get('zc-card')) customElements.define('zc-card', ZcCard);

declare global {
  interface HTMLElementTagNameMap {
    'zc-card': ZcCard;
  }
}
