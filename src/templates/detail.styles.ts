/**
 * The detail dialog's styles: a box centred on wide screens, a sheet from the bottom on phones,
 * over a dimmed page; a short rise-in that `prefers-reduced-motion` turns off (see the wall's
 * styles). Its call to action stays in view at the bottom while the rest scrolls.
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
    animation: rise .2s ease-out;
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / .55);
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(24px);
    }
  }
  @media (max-width: 600px) {
    .dialog {
      width: 100%;
      max-width: none;
      max-height: 85dvh;
      margin: auto 0 0;
      border-width: 1px 0 0;
      border-radius: var(--_radius) var(--_radius) 0 0;
    }
  }
  .sheet {
    padding: calc(var(--_gap) * 1.5) calc(var(--_gap) * 1.5) 0;
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
  .reward {
    margin: .2em 0 0;
    font-size: 1.125em;
    font-weight: 700;
    color: var(--_accent);
  }
  .close {
    min-width: 44px;
    padding: 0;
    font-size: 1.25em;
    line-height: 1;
  }
  .sheet .description {
    margin-top: var(--_gap);
    font-size: 1em;
  }
  .section {
    margin: var(--_gap) 0 0;
    font-size: 1em;
  }
  .steps {
    margin: .5em 0 0;
    padding-inline-start: 1.4em;
    overflow-wrap: anywhere;
  }
  .facts {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: .25em var(--_gap);
    margin: var(--_gap) 0 0;
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .actions {
    position: sticky;
    bottom: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
    justify-content: flex-end;
    padding: calc(var(--_gap) * 1.5) 0;
    background: var(--_surface);
  }
  .actions .cta {
    flex: 1 1 12em;
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
