/**
 * The bar above the offers: a search box, one toggle button per offer type present, and the sort
 * control. It shows the current `filter`, `search` and `sort` and reports what the user picks;
 * the element turns that into its attributes.
 */
import { html, type TemplateResult } from 'lit';
import type { ViewQuery } from '../data/view.js';
import type { WallMessages } from '../messages.js';

export interface ToolbarContext {
  text: WallMessages;
  view: ViewQuery;
  /** The offer types to offer as filters, as the feed spells them. */
  types: readonly string[];
  /** Whether the reward order means the lowest price first (appcharge). */
  _byPrice: boolean;
  /** The count of offers shown, written out for the locale. */
  results: string;
  change: (patch: Partial<ViewQuery>) => void;
}

export function renderToolbar({ text, view, types, _byPrice, results, change }: ToolbarContext): TemplateResult {
  const current = view.filter.toLowerCase();
  // A preset filter for a type not loaded (yet) still gets its button, so it can be cleared.
  const chips = current && !types.some((type) => type.toLowerCase() === current) ? [...types, view.filter] : types;
  return html`
    <div part="toolbar" class="toolbar">
      <input
        part="search"
        class="search"
        type="search"
        aria-label=${text.searchLabel}
        placeholder=${text.searchLabel}
        .value=${view.search}
        @input=${(event: Event) => change({ search: (event.target as HTMLInputElement).value })}
      />
      <div class="controls">
        ${chips.length
          ? html`<div class="chips" role="group" aria-label=${text.filterLabel}>
              ${chips.map((type) => {
                const pressed = type.toLowerCase() === current;
                return html`<button
                  part="filter"
                  class="chip"
                  type="button"
                  aria-pressed=${pressed}
                  @click=${() => change({ filter: pressed ? '' : type })}
                >
                  ${type}
                </button>`;
              })}
            </div>`
          : ''}
        <select
          part="sort"
          class="sort"
          aria-label=${text.sortLabel}
          .value=${view.sort}
          @change=${(event: Event) => change({ sort: (event.target as HTMLSelectElement).value as ViewQuery['sort'] })}
        >
          <option value="feed">${text.sortFeed}</option>
          <option value="reward">${_byPrice ? text.sortPrice : text.sortReward}</option>
        </select>
      </div>
      <div class="visually-hidden" role="status">${results}</div>
    </div>
  `;
}
