/**
 * The rewards view, part of the rewards chunk (a reward's row is laid out like a card, in the
 * wall's styles; the tabs are the toolbar's). A reward's status is a word on a tint of its colour
 * (amber pending, green credited, red reversed, blue adjusted, grey expired), the text in the
 * wall's own text colour, so it reads at the same contrast in either theme and never by colour
 * alone. An amount is written as the cards write a reward: `+` before what is (or will be) gained,
 * `−` before what was taken back. Bold only what counts in the balance (credited, adjusted up), so
 * the bold amounts add up to it: a pending one and one taken back are at the text's weight; an
 * expired entry, never credited, is muted and has no sign.
 */
import { css } from 'lit';

export const rewardsStyles = css`
  /* The balance at the end of its line; under it, what is pending (and when it usually comes). */
  .balance {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: baseline;
    margin: 0 0 var(--_gap);
    color: var(--_muted);
  }
  .balance dd {
    margin: 0;
    text-align: end;
    color: var(--_text);
  }
  .balance strong {
    font-size: 1.5em;
  }
  .balance small {
    display: block;
    color: var(--_muted);
  }
  .entry p {
    margin: 0;
  }
  .goal,
  .when {
    font-size: .875em;
  }
  .when,
  .expired {
    color: var(--_muted);
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
  .adjusted {
    --_s: #2563eb;
  }
  .expired {
    --_s: #6b7280;
  }
  /* A block of its own, so that its number and its currency's name keep their order right to left. */
  .amount {
    display: inline-block;
  }
  .loss,
  .pending .amount,
  .expired .end {
    font-weight: 400;
  }
  .loss::before {
    content: '\\2212';
  }
  .support {
    grid-column: 2 / -1;
    justify-self: start;
  }
`;
