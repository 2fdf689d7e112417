import { css } from 'lit';

/**
 * Styles of zc-steps on top of the shared frame. The ring is drawn over the host's control from
 * our own shadow root (the host's element is never touched), and closes in on it once: the base
 * turns that off under prefers-reduced-motion. (Comments stay out of the template: it ships as is.)
 */
export const styles = css`
  .progress {
    margin: 8px 0 0;
    color: var(--_muted);
    font-size: 12px;
  }
  .step {
    margin: 2px 0 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .ok,
  .error {
    margin: 6px 0 0;
  }
  .ring {
    position: fixed;
    pointer-events: none;
    z-index: var(--zc-z-index, 2147483000);
    border-radius: 4px;
    outline: 3px solid var(--_accent);
    outline-offset: 3px;
    animation: zc-ring 240ms ease-out;
  }
  @keyframes zc-ring {
    from {
      opacity: 0;
      outline-offset: 12px;
    }
  }
`;
