/**
 * The tabs that switch between the offers and "My rewards" (CONTRACT.md section 9.2; the WAI-ARIA
 * tab pattern), the rewards tab counting what is pending. They are in the script-tag file, so the
 * first screen never waits for the rewards chunk that draws the view behind the second tab.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { WallMessages } from '../messages.js';

export type WallTab = 'offers' | 'rewards';

/**
 * The tab list; `pending` is the count of pending rewards in the locale's digits, empty for none.
 * Arrow keys, Home and End move between the tabs and select the one reached (with
 * two tabs, either arrow reaches the other, whichever the writing direction); only the selected
 * tab is in the Tab order.
 */
export function renderTabs(current: WallTab, pending: string, text: WallMessages, select: (tab: WallTab, focus?: boolean) => void): TemplateResult {
  const tab = (name: WallTab, label: string, badge: TemplateResult | typeof nothing) =>
    html`<button
      part="tab"
      id="tab-${name}"
      role="tab"
      aria-selected=${current === name}
      aria-controls="panel-${name}"
      tabindex=${current === name ? 0 : -1}
      @click=${() => select(name)}
    >
      ${label} ${badge}
    </button>`;
  // Home and End would scroll the page too.
  const onKey = (event: KeyboardEvent) => {
    const { key } = event;
    if (!/^(Arrow(Left|Right)|Home|End)$/.test(key)) return;
    event.preventDefault();
    select(key === 'Home' ? 'offers' : key === 'End' || current === 'offers' ? 'rewards' : 'offers', true);
  };
  return html`<div class="tabs" role="tablist" @keydown=${onKey}>
    ${tab('offers', text.listLabel, nothing)}
    ${tab(
      'rewards',
      text.myRewards,
      pending ? html`<span class="badge">${pending}<span class="visually-hidden"> ${text.pending}</span></span>` : nothing,
    )}
  </div>`;
}
