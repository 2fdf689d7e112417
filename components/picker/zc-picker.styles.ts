import { css } from 'lit';

/** Styles of zc-picker on top of the shared frame. */
export const styles = css`
  .list {
    /* Providers may list up to 200 records: the list scrolls instead of pushing the page. */
    max-height: 240px;
    overflow-y: auto;
    margin-top: 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  .option {
    padding: 6px 10px;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .option + .option {
    border-top: 1px solid var(--_border);
  }
  /* The active option is marked by more than colour: an accent bar on its edge. */
  .option:hover,
  .list:focus [aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_bg));
    box-shadow: inset 3px 0 var(--_accent);
  }
  .detail {
    display: block;
    color: var(--_muted);
    font-size: 13px;
  }
  .msg {
    margin: 10px 0 0;
  }
`;
