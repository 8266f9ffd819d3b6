/**
 * The rewards view (CONTRACT.md section 9.2), part of the rewards chunk: the balance, then each
 * reward with its icon, name, when, amount and status (in words, the colour only repeating them),
 * "Report a problem" beside one pending for more than a day, and the loading, empty, error and
 * next-page states. Plain data and callbacks in, templates out.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatAmount } from '../data/format.js';
import { formatWhen, needsSupport, pendingTotal, type RewardEntry } from '../data/rewards.js';
import { offerIcon, type CardContext } from './card.js';

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

/**
 * The rewards view: `card` gives the texts, the icons and the locale and currency; `hint` is the
 * `credit-hint` attribute (the `creditHint` text wins over it); `report` is null when "Report a
 * problem" cannot be offered (the wall has no `support-url`).
 */
export function renderRewards(
  rewards: RewardsState,
  card: CardContext,
  hint: string | null,
  report: ((entry: RewardEntry) => void) | null,
): TemplateResult {
  const { text, _rewards: money } = card;
  const now = Date.now();
  // An amount as the cards write a reward (`+3,600 Coins`): the sign drawn by the styles (`+` for
  // `gain`, `−` below zero), kept before the number in either direction (`payout` in the wall's styles).
  const amount = (value: number, gain: string) =>
    html`<span class="amount payout ${value < 0 ? 'loss' : gain}">${formatAmount(Math.abs(value), money)}</span>`;
  const renderEntry = (entry: RewardEntry) => {
    const { status } = entry;
    // Never a blank name: an offer the ledger cannot name by its id, an adjustment by its status.
    const name = entry.name || (entry.offerId ? text.unknownOffer(entry.offerId) : text[status]);
    return html`<li part="reward" class="entry ${status}">
      ${offerIcon({ icon: entry.icon, name }, card)}
      <div class="body">
        <p class="name">${name}</p>
        ${entry.goalName ? html`<p class="goal">${entry.goalName}</p>` : nothing}
        <p class="when">${formatWhen(entry.updatedAt, now, money.locale)}</p>
      </div>
      <div class="end">
        ${entry.amount === null
          ? nothing
          : // A reversal's amount is what it took back; an expired tap was never credited: no sign.
            amount(status === 'reversed' ? -entry.amount : entry.amount, status === 'expired' ? '' : 'gain')}
        ${name === text[status] ? nothing : html`<span class="status ${status}">${text[status]}</span>`}
      </div>
      ${report && needsSupport(entry, now)
        ? html`<button part="support" class="support" type="button" @click=${() => report(entry)}>${text.report}</button>`
        : nothing}
    </li>`;
  };
  const { _status: status, _entries: entries, _balance: balance } = rewards;
  const pending = pendingTotal(entries);
  hint = text.creditHint || hint;
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
        : html`<dl class="balance">
            <dt>${text.balance}</dt>
            <dd><strong>${amount(balance, '')}</strong></dd>
            ${pending !== null && (pending || hint)
              ? html`<dt>${text.pending}</dt>
                  <dd>${pending ? amount(pending, '') : nothing} ${hint ? html`<small>${hint}</small>` : nothing}</dd>`
              : nothing}
          </dl>`}
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
