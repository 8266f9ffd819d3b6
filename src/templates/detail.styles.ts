/**
 * The detail dialog's styles: a sheet centred on wide screens and full width on phones, over a
 * dimmed page; a short rise-in that `prefers-reduced-motion` turns off (see the wall's styles).
 */
import { css } from 'lit';

export const detailStyles = css`
  .dialog {
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    width: min(36em, calc(100vw - 2 * var(--_gap)));
    max-height: calc(100dvh - 4 * var(--_gap));
    animation: rise 0.18s ease-out;
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  .sheet {
    padding: calc(var(--_gap) * 1.5);
  }
  .dialog-head {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    gap: var(--_gap);
    align-items: center;
  }
  .dialog-title {
    margin: 0;
    font-size: 1.25em;
    overflow-wrap: anywhere;
  }
  .close {
    background: transparent;
    color: var(--_text);
    border: 1px solid var(--_border);
    min-width: 44px;
    padding: 0;
    font-size: 1.25em;
    line-height: 1;
  }
  .facts {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.25em var(--_gap);
    margin: var(--_gap) 0 0;
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .section {
    margin: var(--_gap) 0 0;
    font-size: 1em;
  }
  .sheet .description,
  .sheet .steps {
    font-size: 1em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
    justify-content: flex-end;
    margin-top: calc(var(--_gap) * 1.5);
  }
  .preview {
    color: var(--_accent);
  }
  /* The new-tab arrow points the way the text runs. */
  [dir='rtl'] .preview span {
    display: inline-block;
    transform: scaleX(-1);
  }
`;
