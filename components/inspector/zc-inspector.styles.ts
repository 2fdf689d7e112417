import { css } from 'lit';

/**
 * The inspector's look, on top of the shared tokens (baseStyles: --zc-* with light and dark
 * defaults, focus rings, reduced motion, `.sr`). Compact: designers keep it open beside the page.
 * Class names steer clear of the frame's (.body, .row, .header, .dismiss…), which baseStyles styles.
 */
export const styles = css`
  :host {
    --_mono: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
    position: fixed;
    inset-inline-start: 16px;
    bottom: 16px;
    z-index: var(--zc-z-index, 2147483000);
    display: block;
    width: min(400px, calc(100vw - 32px));
    max-width: none;
    font-size: 13px;
    line-height: 1.4;
  }
  @media (max-width: 480px) {
    :host {
      inset-inline: 0;
      bottom: 0;
      width: auto;
    }
    .panel {
      border-radius: var(--_radius) var(--_radius) 0 0;
    }
  }
  [hidden] {
    display: none !important;
  }
  .panel {
    display: flex;
    flex-direction: column;
    max-height: 70vh;
    overflow: hidden;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  code,
  .time {
    font-family: var(--_mono);
    font-size: 12px;
  }
  code {
    overflow-wrap: anywhere;
  }
  .head {
    flex: none;
    padding: 6px 6px 6px 12px;
    border-bottom: 1px solid var(--_border);
  }
  .title-row {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .title {
    margin: 0;
    font-weight: 600;
    white-space: nowrap;
  }
  .pack {
    flex: 1;
    min-width: 0;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .icon {
    flex: none;
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    padding: 0;
    border: 0;
    background: transparent;
    color: var(--_muted);
    font-size: 18px;
    line-height: 1;
  }
  .toggle {
    margin-inline-start: auto;
    font-size: 14px;
  }
  .icon:hover {
    color: var(--_fg);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    margin: 2px 0 0;
    color: var(--_muted);
    font-size: 12px;
  }
  .score {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: var(--_fg);
    font-variant-numeric: tabular-nums;
  }
  .pending {
    color: var(--_danger);
  }
  .minibar,
  .meter {
    display: inline-block;
    overflow: hidden;
    background: color-mix(in srgb, var(--_border) 60%, transparent);
    border-radius: 999px;
  }
  .minibar {
    width: 48px;
    height: 6px;
  }
  .meter {
    display: block;
    height: 10px;
    margin: 4px 0 10px;
  }
  .minibar .fill,
  .meter .fill {
    display: block;
    height: 100%;
    background: var(--_accent);
    transition: inline-size 200ms ease-out;
  }
  .views {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }
  .tabs {
    flex: none;
    display: flex;
    gap: 2px;
    padding: 0 8px;
    border-bottom: 1px solid var(--_border);
  }
  .tab {
    padding: 6px 10px;
    border: 0;
    border-bottom: 2px solid transparent;
    border-radius: 0;
    background: transparent;
    color: var(--_muted);
  }
  .tab[aria-selected='true'] {
    border-bottom-color: var(--_accent);
    color: var(--_fg);
    font-weight: 600;
  }
  .tabpanel {
    flex: 1;
    min-height: 0;
    overflow: auto;
    padding: 8px 12px 10px;
    overscroll-behavior: contain;
  }
  .tabpanel:focus-visible {
    outline-offset: -2px;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 10px;
    margin-bottom: 6px;
    font-size: 12px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    cursor: pointer;
  }
  .chip input {
    margin: 0;
    accent-color: var(--_accent);
  }
  input:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .timeline {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* Flows under way, above the timeline: "at recheck" is now, the rows below are history. */
  .flows {
    margin-bottom: 6px;
    padding-inline-start: 6px;
    border-inline-start: 2px solid var(--_accent);
  }
  .component b {
    text-decoration: underline 2px var(--_accent);
  }
  .entry {
    display: grid;
    grid-template-columns: auto auto 1fr;
    align-items: baseline;
    gap: 6px;
    padding: 2px 0;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
  }
  .time {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .badge {
    padding: 0 5px;
    border: 1px solid currentColor;
    border-radius: 999px;
    color: var(--_muted);
    font-size: 11px;
    white-space: nowrap;
  }
  .signal .badge {
    color: var(--_danger);
  }
  .decision .badge {
    color: var(--_success);
  }
  .outcome .badge {
    color: var(--_accent);
  }
  .text {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .empty,
  .more,
  .page {
    margin: 6px 0;
    color: var(--_muted);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 12px;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 4px 0;
  }
  th,
  td {
    padding: 3px 6px 3px 0;
    text-align: start;
    vertical-align: baseline;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
  }
  thead th {
    color: var(--_muted);
    font-weight: 600;
    vertical-align: bottom;
  }
  /* In a table, break long paths only where they must: "anywhere" would shrink the columns. */
  td code,
  th code {
    overflow-wrap: break-word;
  }
  .sub {
    display: block;
    color: var(--_muted);
  }
  tbody th {
    font-weight: normal;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .rules tr.here .id {
    font-weight: 700;
  }
  .rules tr:not(.here) {
    color: var(--_muted);
  }
  .off {
    padding: 0 4px;
    border: 1px solid currentColor;
    border-radius: 4px;
    color: var(--_danger);
    font-size: 11px;
  }
  .score-head {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
  }
  .score-value {
    font-size: 20px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .bar-cell {
    width: 40%;
  }
  .bar {
    display: grid;
    grid-template-columns: 1fr 1fr;
    height: 8px;
  }
  .bar .neg {
    display: flex;
    justify-content: flex-end;
    border-inline-end: 1px solid var(--_border);
  }
  .bar .fill {
    display: block;
    height: 100%;
    transition: inline-size 200ms ease-out;
  }
  .bar .neg .fill {
    background: var(--_success);
  }
  .bar .pos .fill {
    background: var(--_danger);
  }
`;
