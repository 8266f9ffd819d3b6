/**
 * The states' styles: skeleton cards while the offers (or the wall's words) are on their way, laid
 * out as the real cards they stand for, and the empty and error states with their drawn icons.
 */
import { css } from 'lit';

export const stateStyles = css`
  /*
   * The loading state without words: cards laid out as the real ones (in a grid, or on a narrow
   * wall, the reward's place goes below), grey lines where the name and the reward will be.
   */
  .bone {
    animation: pulse 1s infinite alternate;
    cursor: auto;
  }
  .bone :is(i,b) {
    display: block;
    height: .9em;
    border-radius: 999px;
    background: var(--_border);
  }
  /* The name's bar, its second line's (narrow walls, where names take two), the second line's. */
  .bone i + i {
    width: 60%;
    margin-top: .6em;
  }
  .bone i:nth-child(2) {
    display: none;
  }
  @container (max-width: 480px) {
    .bone i:nth-child(2) {
      display: block;
      width: 85%;
      margin-top: .9em;
    }
  }
  .bone b {
    width: 5em;
    height: 44px;
  }
  @keyframes pulse {
    to {
      opacity: .5;
    }
  }

  .state {
    padding: calc(var(--_gap) * 2) var(--_gap);
    text-align: center;
    color: var(--_muted);
  }
  .state p {
    margin: 0 0 .75em;
  }
  .error p:first-of-type {
    color: var(--_error);
    font-weight: 600;
  }
  /*
   * Above the words of the empty state (an empty box, dashed) and of the error panel (a warning
   * sign), drawn here rather than shipped as images; silent to assistive technology.
   */
  [part=empty]::before,
  .error::before {
    content: '';
    display: block;
    width: 3em;
    height: 2.25em;
    margin: 0 auto .75em;
    border: 2px dashed;
    border-radius: .5em;
  }
  .error::before {
    content: '!' / '';
    width: 2em;
    height: 2em;
    border-style: solid;
    border-radius: 50%;
    font-weight: 700;
    line-height: 1.75;
    color: var(--_error);
  }
`;
