import { css } from 'lit';

/** Styles of zc-upload on top of the shared frame. */
export const styles = css`
  .zone {
    margin-top: 10px;
    padding: 10px;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .over {
    border: 1px solid var(--_accent);
  }
  .hint,
  .size {
    color: var(--_muted);
  }
  p {
    margin: 8px 0 0;
  }
  .zone p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  img {
    display: block;
    max-width: 100%;
    max-height: 160px;
  }
  label.btn {
    display: inline-flex;
    align-items: center;
  }
  progress {
    display: block;
    width: 100%;
    accent-color: var(--_accent);
  }
`;
