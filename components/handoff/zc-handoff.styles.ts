import { css } from 'lit';

/** Styles of zc-handoff on top of the shared frame. */
export const styles = css`
  details,
  .error,
  .ok {
    margin: 8px 0 0;
  }
  .ok {
    /* The reference goes on a line of its own, whatever the language's sentence spacing. */
    white-space: pre-line;
  }
  summary {
    cursor: pointer;
  }
  summary:focus-visible {
    outline: 2px solid var(--_accent);
  }
  [aria-disabled] {
    opacity: 0.6;
  }
`;
