import { css } from 'lit';

/**
 * The bar: a small panel at the bottom start corner, above the page and out of the corner where
 * pushed help docks (end); on a phone, where docked help takes the bottom, at the top.
 */
export const styles = css`
  :host {
    position: fixed;
    bottom: 16px;
    inset-inline-start: 16px;
    z-index: var(--zc-z-index, 2147483000);
    width: min(320px, calc(100vw - 32px));
  }
  .surface {
    padding: 10px 12px;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
  }
  .text {
    flex: 1 1 180px;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .code {
    display: block;
    margin: 2px 0 4px;
    font: 600 22px/1.2 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    letter-spacing: 0.08em;
    color: var(--_fg);
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 13px;
  }
  .dot {
    width: 8px;
    height: 8px;
    flex: none;
    border-radius: 50%;
    background: var(--_success);
  }
  @media (max-width: 480px) {
    :host {
      top: 8px;
      bottom: auto;
      inset-inline: 8px;
      width: auto;
    }
  }
`;
