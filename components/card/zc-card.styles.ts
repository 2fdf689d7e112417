import { css } from 'lit';

/** Styles of zc-card; theme tokens (`--_bg`, `--_fg`…) come from ZcElement. */
export const styles = css`
  :host {
    display: block;
    max-width: min(360px, calc(100vw - 16px));
    font-size: 14px;
    line-height: 1.45;
  }
  .surface {
    position: relative;
    padding: 12px 12px 10px 16px;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    animation: zc-card-in 160ms ease-out;
  }
  @keyframes zc-card-in {
    from {
      opacity: 0;
      transform: translateY(4px);
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    margin: 0 0 8px;
  }
  .actions a {
    color: var(--_accent);
    font-weight: 600;
    text-underline-offset: 2px;
  }
  .actions a:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
    border-radius: 2px;
  }
  .header {
    display: flex;
    align-items: flex-start;
    gap: 8px;
  }
  .heading {
    flex: 1;
    margin: 4px 0 0;
    font-size: 15px;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .body {
    margin: 6px 0 0;
    /* Plain-text bodies from a rule pack use newlines for paragraphs. */
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border-radius: calc(var(--_radius) / 2);
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .dismiss {
    flex: none;
    display: grid;
    place-items: center;
    /* 32px keeps the hit area above the WCAG 2.2 minimum of 24px on touch screens. */
    width: 32px;
    height: 32px;
    margin: -4px -4px 0 0;
    padding: 0;
    border: 0;
    background: transparent;
    color: var(--_muted);
    font-size: 20px;
    line-height: 1;
  }
  .dismiss:hover {
    color: var(--_fg);
  }
  .feedback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    margin-top: 10px;
    color: var(--_muted);
    font-size: 13px;
  }
  /* Out of the flex flow while empty, but still rendered: a live region must exist before
     its text arrives or screen readers may not announce it. */
  .thanks:empty {
    position: absolute;
  }
  .question {
    margin-right: auto;
  }
  .choices {
    display: flex;
    gap: 8px;
  }
  .choices button {
    min-height: 32px;
    padding: 4px 14px;
    border: 1px solid var(--_border);
    background: transparent;
  }
  .choices button:hover {
    border-color: var(--_accent);
  }
  .thanks {
    margin: 0;
  }
`;
