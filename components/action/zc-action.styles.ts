import { css } from 'lit';

/** Styles of zc-action on top of the shared frame. */
export const styles = css`
  .msg {
    margin: 10px 0 0;
  }
  /* Pending: aria-disabled rather than disabled, so a focused button keeps focus. */
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;
