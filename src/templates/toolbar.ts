/**
 * The bar above the offers: a search box and the sort control, then one line of type filters in
 * the user's words ("All", "Apps", "Tasks", …), which scrolls sideways rather than wrap, so the
 * bar keeps its height as later pages bring new types. It shows the current `filter`, `search`
 * and `sort` and reports what the user picks; the element turns that into its attributes.
 */
import { html, type TemplateResult } from 'lit';
import { OFFER_TYPES } from '../data/rules.js';
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

/** The feed's offer types (lower case) the wall has words for: the `type…` text that names each. */
const TYPE_WORDS: Record<string, string> = { app: 'Apps', cpi: 'Apps', cpa: 'Tasks', cpl: 'Signups', bundle: 'Bundles' };

/** A type in the user's words: `CPA` → `Tasks`; one the wall does not know, as the feed writes it. */
export function typeLabel(type: string, text: WallMessages): string {
  const key = type.trim().toLowerCase();
  // Appcharge's other offer types are its special offers.
  const word = TYPE_WORDS[key] ?? (OFFER_TYPES.some((known) => known.toLowerCase() === key) && 'Deals');
  return word ? (text[`type${word}` as keyof WallMessages] as string) : type;
}

export interface Chip {
  label: string;
  /** The `filter` it sets: the feed's types it stands for, comma-separated; empty for "All". */
  value: string;
  pressed: boolean;
}

/**
 * The type filters: "All" first, then one per label in the order the types first appear. Types
 * that read the same (s2s `app` and `CPI` are both "Apps") share one filter, which sets `filter`
 * to both (`app,CPI`). A preset `filter` of a type not loaded (yet) presses none: "All" clears it.
 */
export function typeChips(types: readonly string[], filter: string, text: WallMessages): Chip[] {
  const current = filter.trim().toLowerCase().split(/\s*,\s*/);
  const groups: Record<string, string[]> = {};
  for (const type of types) (groups[typeLabel(type, text)] ??= []).push(type);
  return [
    { label: text.all, value: '', pressed: !current[0] },
    ...Object.entries(groups).map(([label, group]) => ({
      label,
      value: group.join(),
      pressed: group.some((type) => current.includes(type.toLowerCase())),
    })),
  ];
}

export function renderToolbar({ text, view, types, _byPrice, results, change }: ToolbarContext): TemplateResult {
  const chips = typeChips(types, view.filter, text);
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
      ${chips.length > 1
        ? html`<div class="chips" role="group" aria-label=${text.filterLabel}>
            ${chips.map(
              ({ label, value, pressed }) => html`<button
                part="filter"
                class="chip"
                type="button"
                aria-pressed=${pressed}
                @click=${() => change({ filter: pressed ? '' : value })}
              >
                ${label}
              </button>`,
            )}
          </div>`
        : ''}
      <div class="visually-hidden" role="status">${results}</div>
    </div>
  `;
}
