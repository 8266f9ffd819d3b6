/**
 * The store's styles (part of the store chunk): sale ribbons, countdowns, the price before a
 * discount, "Free", a background image under a scrim, products (`Main` larger, `Sub` smaller), a
 * rolling offer's ladder (the current step framed in the accent, the next ones dashed and locked),
 * and the pop-up: centred on every screen, its art above, one call to action across it. Only the
 * theme's colours, so both themes keep their contrast.
 */
import { css } from 'lit';

export const storeStyles = css`
  .sale {
    position: relative;
    margin-top: 0.75em;
  }
  /* A tag in the accent: the sale ribbon, a free step's "Free". */
  .ribbon,
  .tag {
    display: inline-block;
    margin-top: 0.3em;
    padding: 0.1em 0.7em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.8em;
    font-weight: 700;
    white-space: nowrap;
  }
  /* On a card, hung on its top edge, where it reads first. */
  .card > .ribbon {
    position: absolute;
    top: 0;
    inset-inline-start: var(--_gap);
    margin: 0;
    transform: translateY(-50%);
  }
  /* Up to 12% of the image shows through: every text keeps its contrast (CONTRACT: AA). */
  .art {
    background: linear-gradient(color-mix(in srgb, var(--_surface) 88%, #0000) 0 0), var(--art) center / cover;
  }
  .ends {
    margin: 0.2em 0 0;
    color: var(--_error);
    font-size: 0.8125em;
    font-weight: 600;
  }
  /* The discount beside the price, smaller; on a line of its own when the button is narrow. */
  .off {
    display: inline-block;
    font-size: 0.8em;
    white-space: pre;
  }
  [data-was]::before {
    content: attr(data-was);
    text-decoration: line-through;
    display: block;
    font-size: 0.75em;
    font-weight: 400;
  }

  .items,
  .ladder {
    display: grid;
    gap: 0.4em;
    margin: 0.5em 0 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: flex;
    align-items: center;
    gap: 0.5em;
    overflow-wrap: anywhere;
  }
  /* Feed text: its own direction, in a right-to-left wall too (its quantity's "$" stays before it). */
  .item > span {
    unicode-bidi: plaintext;
  }
  .item img {
    flex: none;
    border-radius: 6px;
    object-fit: contain;
  }
  .main {
    font-size: 1.125em;
    font-weight: 600;
  }
  .main img {
    width: 40px;
    height: 40px;
  }
  .sub {
    font-size: 0.875em;
    color: var(--_muted);
  }

  /* The ladder: the step a player is at, then those still locked. */
  .ladder {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0;
  }
  .rung {
    display: flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.4em 0.7em;
    border: 1px dashed var(--_outline);
    border-radius: calc(var(--_radius) * 0.75);
    color: var(--_muted);
    font-size: 0.875em;
  }
  .rung .items {
    flex: 1;
    margin: 0;
  }
  /* A locked tile: its product's picture and its price, the lock in its corner. */
  .locked {
    position: relative;
    flex: 1 1 0;
    flex-direction: column;
    justify-content: center;
    min-width: 5.5em;
  }
  .now {
    flex: 1 1 14em;
    border: 2px solid var(--_accent);
    color: var(--_text);
    font-size: 1em;
  }
  /* On a phone the current step takes the row, the locked ones share the next. */
  @container (max-width: 480px) {
    .now {
      flex-basis: 100%;
    }
  }
  .locked img {
    filter: grayscale(1);
  }
  .lock {
    position: absolute;
    top: 0.4em;
    inset-inline-start: 0.4em;
    fill: currentColor;
  }

  /* The pop-up: a focused box in the middle of any screen, never a sheet. */
  .dialog.popup {
    width: min(24em, calc(100vw - 2 * var(--_gap)));
    margin: auto;
    border-width: 1px;
    border-radius: var(--_radius);
    text-align: center;
    animation-name: pop;
  }
  @keyframes pop {
    from {
      opacity: 0;
      transform: scale(0.94);
    }
  }
  .banner {
    height: 7em;
    background: var(--art) center / cover;
  }
  .popup .dialog-head {
    grid-template-columns: minmax(0, 1fr);
    justify-items: center;
  }
  .popup .icon {
    width: 72px;
    height: 72px;
  }
  .banner + .sheet .icon {
    margin-top: -3.5em;
    box-shadow: 0 0 0 4px var(--_surface);
  }
  .popup .close {
    position: absolute;
    top: 0.5em;
    inset-inline-end: 0.5em;
  }
  .popup .items {
    justify-content: center;
  }
  .popup .actions .cta {
    flex-basis: 100%;
  }
`;
