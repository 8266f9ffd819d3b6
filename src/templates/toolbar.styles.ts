/**
 * The toolbar's styles: search box and sort control on the first line, the type filters on the
 * next, one line that scrolls sideways (its height never changes as types arrive); and above it,
 * when rewards are on, the tabs of the offers and the user's rewards.
 */
import { css } from 'lit';

export const toolbarStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) * .5);
    margin-bottom: var(--_gap);
  }
  /* Their look is the wall's controls' (see the wall's styles). */
  .search,
  .sort {
    min-width: 0;
    padding: 0 .6em;
  }
  /*
   * The sort control keeps its words: on a narrow wall it takes the next line rather than shrink;
   * where the engine can, it is as wide as the choice shown, not the longest.
   */
  .search {
    flex: 9 1 10em;
  }
  .sort {
    flex: 1 0 auto;
    field-sizing: content;
  }
  /* Room for the focus ring inside the scroller, which would clip it. */
  .chips {
    display: flex;
    gap: .5em;
    width: 100%;
    overflow-x: auto;
    scrollbar-width: none;
    padding: 5px;
    margin: -5px 0;
  }
  .chip {
    flex: none;
    min-height: 36px;
    padding: 0 1em;
    border-radius: 999px;
    white-space: nowrap;
  }
  .chip[aria-pressed='true'] {
    background: var(--_text);
    color: var(--_surface);
    border-color: var(--_text);
  }
  .tabs {
    display: flex;
    border-bottom: 1px solid var(--_border);
    margin-bottom: var(--_gap);
  }
  [role='tab'] {
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
    color: var(--_muted);
    font-weight: 600;
  }
  .tabs [aria-selected='true'] {
    color: var(--_text);
    border-bottom-color: var(--_accent);
  }
  .badge {
    display: inline-block;
    min-width: 1.6em;
    margin-inline-start: .4em;
    padding: 0 .4em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: .8em;
    line-height: 1.6;
  }
`;
