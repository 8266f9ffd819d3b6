/**
 * The rewards view, part of the rewards chunk (a reward's row is laid out like a card, in the
 * wall's styles; the tabs are the toolbar's). A reward's status is a word on a tint of its colour
 * (amber pending, green credited, red reversed), the text in the wall's own text colour, so it
 * reads at the same contrast in either theme and never by colour alone.
 */
import { css } from 'lit';

export const rewardsStyles = css`
  .balance {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    margin: 0 0 var(--_gap);
    color: var(--_muted);
  }
  .balance strong {
    color: var(--_text);
    font-size: 1.5em;
  }
  .entry p {
    margin: 0;
  }
  .when {
    color: var(--_muted);
    font-size: .875em;
  }
  .end {
    display: grid;
    justify-items: end;
    gap: .25em;
    font-weight: 700;
  }
  .status {
    padding: 0 .6em;
    border: 1px solid var(--_s);
    border-radius: 999px;
    background: color-mix(in srgb, var(--_s) 18%, var(--_surface));
    font-size: .8em;
    font-weight: 600;
  }
  .pending {
    --_s: #d97706;
  }
  .credited {
    --_s: #16a34a;
  }
  .reversed {
    --_s: #dc2626;
  }
  .support {
    grid-column: 2 / -1;
    justify-self: start;
  }
`;
