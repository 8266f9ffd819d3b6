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
    --_radius: var(--offer-wall-radius,12px);
    --_gap: var(--offer-wall-spacing,12px);
    --_error: var(--offer-wall-error,#b91c1c);
    --_bg: var(--offer-wall-background,transparent);
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

  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }

  .card {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: start;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .layout-grid .list {
    grid-template-columns: repeat(auto-fill, minmax(min(240px, 100%), 1fr));
  }
  .layout-grid .card {
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-rows: 1fr auto;
  }
  .layout-grid .cta {
    grid-column: 1 / -1;
    width: 100%;
  }

  .icon {
    display: block;
    width: 56px;
    height: 56px;
    border-radius: calc(var(--_radius) * 0.75);
    object-fit: cover;
    background: var(--_border);
  }
  .placeholder {
    display: grid;
    place-items: center;
    font-weight: 700;
    font-size: 1.5em;
    color: var(--_muted);
  }

  .body {
    min-width: 0;
  }
  .title {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .open {
    all: unset;
    cursor: pointer;
    border-radius: 2px;
  }
  /* Every control's focus shows, the same way (after .open, whose all: unset would undo it). */
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .payout {
    margin: 0.15em 0 0;
    font-weight: 700;
    color: var(--_accent);
  }
  .description {
    margin: 0.35em 0 0;
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .steps {
    margin: 0.5em 0 0;
    padding-inline-start: 1.4em;
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  /* Feed text (often English) in a right-to-left wall: its own direction, still aligned right. */
  [dir='rtl'] :is(h2,.title,.description,li) {
    unicode-bidi: plaintext;
    text-align: right;
  }

  button {
    font: inherit;
    cursor: pointer;
    border-radius: calc(var(--_radius) * 0.75);
    padding: 0.5em 1em;
    min-height: 44px;
  }
  .cta,
  .retry {
    border: 0;
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
    align-self: center;
  }
  .more {
    display: block;
    width: 100%;
    margin-top: var(--_gap);
    background: transparent;
    color: var(--_accent);
    border: 1px solid var(--_accent);
  }
  .more[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }

  .state {
    padding: calc(var(--_gap) * 2) var(--_gap);
    text-align: center;
    color: var(--_muted);
  }
  .error {
    color: var(--_error);
  }
  .error p {
    margin: 0 0 0.5em;
  }
  .error .detail {
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
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

  @container (max-width: 400px) {
    .card {
      grid-template-columns: auto minmax(0, 1fr);
    }
    .cta {
      grid-column: 1 / -1;
      width: 100%;
    }
  }
`;
