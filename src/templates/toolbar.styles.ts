/** The toolbar's styles: search box, type chips and sort control, wrapping on narrow walls. */
import { css } from 'lit';

export const toolbarStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) * 0.75);
    align-items: center;
    margin-bottom: var(--_gap);
  }
  .search,
  .sort {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    min-height: 44px;
    padding: 0 0.75em;
  }
  .search {
    flex: 1 1 6em;
    min-width: 0;
  }
  /* Search and sort share the first row; the type chips take the next. */
  .controls {
    display: contents;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    order: 1;
    width: 100%;
  }
  .chip {
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0.25em 0.9em;
    transition: background-color 0.15s, color 0.15s;
  }
  .chip[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
    border-color: var(--_accent);
  }
`;
