/**
 * The toolbar's styles: search box and sort control on the first line, the type filters on the
 * next, one line that scrolls sideways (its height never changes as types arrive).
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
`;
