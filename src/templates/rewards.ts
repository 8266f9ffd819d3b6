/**
 * The rewards view (CONTRACT.md section 9.2), part of the rewards chunk: the balance, then each
 * reward with its icon, name, when, amount and status (in words, the colour only repeating them),
 * "Report a problem" beside one pending for more than a day, and the loading, empty, error and
 * next-page states. Plain data and callbacks in, templates out.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatAmount } from '../data/format.js';
import { formatWhen, needsSupport, type RewardEntry } from '../data/rewards.js';
import { offerIcon, type CardContext } from './card.js';

/**
 * The rewards view: `card` gives the texts, the icons and the locale and currency; `report` is
 * null when "Report a problem" cannot be offered (the wall has no `support-url`).
 */
/** What the view draws of the user's rewards (the list in `controllers/rewards-list.ts`). */
export interface RewardsState {
  readonly _status: 'idle' | 'loading' | 'loaded' | 'error';
  readonly _entries: readonly RewardEntry[];
  readonly _balance: number | null;
  readonly _next: string | null;
  readonly _loadingMore: boolean;
  readonly _refresh: () => void;
  readonly _more: () => void;
}

export function renderRewards(rewards: RewardsState, card: CardContext, report: ((entry: RewardEntry) => void) | null): TemplateResult {
  const { text, _rewards: money } = card;
  const now = Date.now();
  const renderEntry = (entry: RewardEntry) => html`<li part="reward" class="entry">
    ${offerIcon(entry, card)}
    <div class="body">
      <p class="name">${entry.name || entry.offerId}</p>
      <p class="when">${formatWhen(entry.updatedAt, now, money.locale)}</p>
    </div>
    <div class="end">
      ${entry.amount === null ? nothing : html`<span class="amount">${formatAmount(entry.amount, money)}</span>`}
      <span class="status ${entry.status}">${text[entry.status]}</span>
    </div>
    ${report && needsSupport(entry, now)
      ? html`<button part="support" class="support" type="button" @click=${() => report(entry)}>${text.report}</button>`
      : nothing}
  </li>`;
  const { _status: status, _entries: entries, _balance: balance } = rewards;
  let content: TemplateResult;
  if (status === 'error') {
    content = html`<div part="error" class="state error" role="alert">
      <p>${text.rewardsError}</p>
      <button part="retry" class="retry" type="button" @click=${rewards._refresh}>${text.retry}</button>
    </div>`;
  } else if (status !== 'loaded') {
    content = html`<div part="loading" class="state" role="status">${text.loading}</div>`;
  } else {
    content = html`${balance === null
        ? nothing
        : html`<p class="balance">${text.balance} <strong>${formatAmount(balance, money)}</strong></p>`}
      ${entries.length
        ? html`<ul class="rewards-list" role="list" aria-label=${text.myRewards}>
            ${entries.map(renderEntry)}
          </ul>`
        : html`<div part="empty" class="state" role="status">${text.nothingYet}</div>`}
      ${rewards._next
        ? html`<button part="more" class="more" type="button" aria-disabled=${rewards._loadingMore} @click=${rewards._more}>
            ${rewards._loadingMore ? text.loading : text.more}
          </button>`
        : nothing}`;
  }
  return html`<div part="rewards" class="rewards" id="panel-rewards" role="tabpanel" aria-labelledby="tab-rewards">${content}</div>`;
}
