import { css } from 'lit';

/** Styles of zc-card on top of the shared frame. */
export const styles = css`
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    margin: 8px 0 0;
  }
`;
