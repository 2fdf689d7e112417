import { css } from 'lit';

/**
 * The shared look: theme tokens, the frame, buttons and states. Private `--_x` tokens resolve
 * each public token once, so component styles never repeat fallbacks and the dark scheme only
 * swaps the defaults, not the rules.
 */
export const baseStyles = css`
  :host {
    --_font: var(--zc-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', sans-serif);
    --_bg: var(--zc-bg, #ffffff);
    --_fg: var(--zc-fg, #1b1d21);
    --_muted: var(--zc-muted, #5a5e66);
    --_accent: var(--zc-accent, #1554d1);
    --_accent-fg: var(--zc-accent-fg, #ffffff);
    --_danger: var(--zc-danger, #b42318);
    --_success: var(--zc-success, #1a7f37);
    --_border: var(--zc-border, #d5d8de);
    --_radius: var(--zc-radius, 8px);
    --_shadow: var(--zc-shadow, 0 4px 16px rgb(0 0 0 / 0.12));
    display: block;
    box-sizing: border-box;
    max-width: min(360px, calc(100vw - 16px));
    font: 14px/1.45 var(--_font);
    color: var(--_fg);
  }
  :host([hidden]) {
    display: none !important;
  }
  /* Docked by the SDK (placement "dock"): a bottom corner, a bottom sheet on a phone. */
  :host([dock]) {
    position: fixed;
    bottom: 16px;
    z-index: var(--zc-z-index, 2147483000);
    width: min(360px, calc(100vw - 32px));
  }
  :host([dock='end']) {
    inset-inline-end: 16px;
  }
  :host([dock='start']) {
    inset-inline-start: 16px;
  }
  @media (max-width: 480px) {
    :host([dock]) {
      inset-inline: 8px;
      bottom: 8px;
      width: auto;
      max-width: none;
    }
  }
  /* No ::before/::after anywhere in the components: the elements are all there is to size. */
  * {
    box-sizing: inherit;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--zc-bg, #1e2024);
      --_fg: var(--zc-fg, #eceef2);
      --_muted: var(--zc-muted, #a9aeb8);
      --_accent: var(--zc-accent, #8ab4ff);
      --_accent-fg: var(--zc-accent-fg, #0b1424);
      --_danger: var(--zc-danger, #ff8a80);
      --_success: var(--zc-success, #7ee2a8);
      --_border: var(--zc-border, #3a3e46);
      --_shadow: var(--zc-shadow, 0 4px 16px rgb(0 0 0 / 0.5));
    }
  }
  .surface {
    position: relative;
    padding: 12px 12px 10px 16px;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    animation: zc-in 160ms ease-out;
  }
  @keyframes zc-in {
    from {
      opacity: 0;
      transform: translateY(4px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
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
    overflow-wrap: anywhere;
  }
  .body p {
    margin: 6px 0 0;
  }
  a {
    color: var(--_accent);
    font-weight: 600;
    text-underline-offset: 2px;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border-radius: calc(var(--_radius) / 2);
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  button:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible,
  input:focus-visible + label {
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
  .btn {
    min-height: 32px;
    padding: 4px 14px;
    border: 1px solid var(--_border);
    background: transparent;
  }
  .btn:hover:not(:disabled) {
    border-color: var(--_accent);
  }
  .btn.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-fg);
    font-weight: 600;
  }
  .row,
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 10px;
  }
  .feedback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 8px;
    margin-top: 10px;
    color: var(--_muted);
    font-size: 13px;
  }
  .feedback .choices {
    margin: 0;
  }
  .question {
    margin-right: auto;
  }
  .thanks {
    margin: 0;
  }
  .footer {
    display: flex;
    justify-content: flex-end;
    gap: 12px;
    margin-top: 4px;
  }
  .settings {
    display: grid;
    gap: 4px;
    margin: 4px 0 0;
    padding: 6px 8px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    font-size: 13px;
  }
  .settings legend {
    padding: 0 4px;
    color: var(--_muted);
  }
  .settings label {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .quiet {
    padding: 4px 0;
    border: 0;
    background: transparent;
    color: var(--_muted);
    font-size: 12px;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .error {
    color: var(--_danger);
  }
  .record {
    margin: 8px 0 0;
    color: var(--_muted);
  }
  .ok {
    color: var(--_success);
  }
  /* Out of sight but read: the live region of the frame, and text only screen readers need. */
  .status,
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
