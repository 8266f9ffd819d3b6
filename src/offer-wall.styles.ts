/**
 * The wall's styles. Everything themeable goes through `--offer-wall-*` custom properties with
 * internal fallbacks; the host page's CSS cannot reach inside, and nothing here reaches out.
 */
import { css } from 'lit';
import { dark } from './themes.js';

export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

export const wallStyles = css`
  /*
   * The page's inherited styles (font size, line height, letter spacing, text transform, …) reach
   * the shadow tree through the host, and a page's own rules for the host beat :host rules. The
   * wall's root resets every inherited property (custom properties and direction excepted: theming
   * comes through, and the root's own dir attribute follows the wall's language) and sets its own.
   */
  .wall {
    all: initial;
    display: block;
    box-sizing: border-box;
    --_accent: var(--offer-wall-accent,#1d4ed8);
    --_accent-text: var(--offer-wall-accent-text,#fff);
    --_surface: var(--offer-wall-surface,#fff);
    --_text: var(--offer-wall-text,#111827);
    --_muted: var(--offer-wall-muted,#4b5563);
    --_border: var(--offer-wall-border,#d1d5db);
    --_outline: var(--offer-wall-outline,#80868f);
    --_radius: var(--offer-wall-radius,12px);
    --_gap: var(--offer-wall-spacing,12px);
    --_error: var(--offer-wall-error,#b91c1c);
    --_bg: var(--offer-wall-background,transparent);
    --_hover: rgb(0 0 0/.07);
    color-scheme: light;
    container-type: inline-size;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--offer-wall-font,system-ui, sans-serif);
    font-size: var(--offer-wall-font-size,16px);
    line-height: 1.4;
    text-align: start;
  }

  .theme-dark {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    .theme-auto {
      ${dark}
    }
  }

  .list,
  .rewards-list,
  .skeleton {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gap) * .67);
  }
  /* A wide list keeps each call to action near its offer's name. */
  .layout-list > * {
    max-width: 48em;
    margin-inline: auto;
  }

  /*
   * A row: icon, name, call to action; in a grid, or on a narrow wall, the button goes below.
   * One of the user's rewards is laid out the same: icon, name, amount and status.
   */
  .card,
  .entry {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .card {
    cursor: pointer;
  }
  .layout-grid :is(.list,.skeleton) {
    grid-template-columns: repeat(auto-fill, minmax(min(240px, 100%), 1fr));
  }
  .layout-grid .card {
    grid-template-columns: auto minmax(0, 1fr);
  }


  .icon {
    display: block;
    width: 48px;
    height: 48px;
    border-radius: calc(var(--_radius) * .75);
    object-fit: cover;
    background: var(--_border);
  }
  /* No icon, or a broken one: the name's initial on a tile of the accent. */
  .placeholder {
    display: grid;
    place-items: center;
    font-weight: 700;
    font-size: 1.375em;
    color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 15%, var(--_surface));
  }

  .body {
    min-width: 0;
  }
  .title {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    overflow-wrap: break-word;
  }
  .open {
    all: unset;
    display: block;
    cursor: pointer;
    border-radius: 2px;
  }
  /* Two lines of the name on a card, one of its description (the detail has all of both), each at the start of its own direction. */
  .name,
  .card .description {
    text-align: start;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }
  .card .description {
    -webkit-line-clamp: 1;
  }
  .description {
    margin: .2em 0 0;
    color: var(--_muted);
    font-size: .875em;
    overflow-wrap: anywhere;
  }
  /*
   * Feed text (often English) in a right-to-left wall: its own direction, still aligned right;
   * the reward too, so that its sign stays before the amount. A card's name and description take
   * their direction from their text (dir=auto) and align to its start, which keeps the "…" of a
   * clamped line (Chromium drops it from a left-to-right line aligned right).
   */
  [dir='rtl'] :is(h2,.steps li,.payout) {
    unicode-bidi: plaintext;
    text-align: right;
  }

  /* Every control's boundary is the outline colour, at least 3:1 against surface and background. */
  button,
  .search,
  .sort {
    font: inherit;
    cursor: pointer;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_outline);
    border-radius: calc(var(--_radius) * .75);
    padding: .5em 1em;
    min-height: 44px;
  }
  /* The reward is the largest thing on a card, on the button that earns it. */
  .cta,
  .retry {
    border-color: transparent;
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 700;
    border-radius: 999px;
  }
  /*
   * One width for the rewards of a screen: a minimum that holds the usual ones (four digits and a
   * currency name) on one line, in tabular figures, and leaves a phone's card room for the name.
   * A longer one (or one with the currency's icon) grows the pill; one longer than the card can
   * give wraps inside it, never clipped.
   */
  .card .cta {
    min-width: 9.5em;
    padding-inline: .5em;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }
  .coin {
    height: 1.2em;
    margin-inline-end: .25em;
    vertical-align: -.25em;
  }
  /* List numbers in Arabic's own digits, as its amounts are. */
  :lang(ar) ol {
    list-style-type: arabic-indic;
  }
  .layout-grid .card .cta {
    grid-column: 1 / -1;
    width: 100%;
    max-width: none;
  }
  /*
   * A phone's list: the second line runs under the name and the call to action, across the card,
   * so that it says what to do rather than its first word.
   */
  @container (341px <= width <= 480px) {
    .layout-list .card:has(> .lines) {
      row-gap: 0;
    }
    .layout-list .lines {
      display: contents;
    }
    .layout-list .lines > :not(.title) {
      grid-column: 2 / -1;
    }
    .layout-list .lines + .cta {
      grid-area: 1 / 3;
    }
    .layout-list .card:has(> .lines) > .icon {
      grid-row: span 2;
    }
  }
  @container (max-width: 340px) {
    .card {
      grid-template-columns: auto minmax(0, 1fr);
    }
    .card .cta {
      grid-column: 2;
      justify-self: start;
      max-width: none;
    }
  }
  .gain::before {
    content: '+';
  }
  .more {
    display: block;
    width: 100%;
    margin-top: var(--_gap);
    color: var(--_accent);
    background: transparent;
  }
  .more[aria-disabled='true'] {
    cursor: progress;
    opacity: .7;
  }

  /* Every control answers the pointer: a tint on hover, a press; and the keyboard: a ring. */
  :is(button:not(.open),.card,.search,.sort):hover {
    box-shadow: inset 0 0 0 99em var(--_hover);
  }
  button:not(.open):active {
    transform: scale(.97);
  }
  .preview:hover {
    text-decoration-thickness: 2px;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }

  /* The platform's mark before the second line's words: filled, or drawn in lines (the web's globe). */
  .os {
    width: 1.15em;
    height: 1.15em;
    vertical-align: -.2em;
    margin-inline-end: .3em;
    fill: currentColor;
    stroke: currentColor;
    stroke-linecap: round;
    fill-rule: evenodd;
  }
  .os.line {
    fill: none;
  }
  /* A <bdi>: the step after it, often English in any wall, sets the line's direction. */
  .started {
    color: var(--_accent);
    font-weight: 700;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    ::backdrop {
      animation: none !important;
      transition: none !important;
    }
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
