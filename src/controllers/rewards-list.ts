/**
 * The user's rewards as the rewards view shows them (CONTRACT.md section 9.2), part of the rewards
 * chunk: loads the first page of `GET {rewards-endpoint}` when asked (the chunk arrived, the view
 * opened, the page visible again after the user went to an offer, a tap recorded), further pages
 * on `more`, with the token as `Authorization: Bearer` and the wall's time limit. A failure never
 * stops anything else: it is reported (`offer-wall-error` kind `rewards`) and, for a first page,
 * shown with a retry. Each load aborts the one before, so an answer for another user or endpoint
 * is never shown. "Report a problem" on a reward is answered here too.
 */
import type { ReactiveController, TemplateResult } from 'lit';
import type { RewardsListView, RewardsSource } from './rewards-view.js';
import { readRewardsPage, supportUrl, type RewardEntry } from '../data/rewards.js';
import { rewardsFailed, type WallErrorInfo } from '../data/types.js';
import type { OfferSupportDetail } from '../events.js';
import type { CardContext } from '../templates/card.js';
import { renderRewards, type RewardsState } from '../templates/rewards.js';

export class RewardsList implements ReactiveController, RewardsListView, RewardsState {
  _status: 'idle' | 'loading' | 'loaded' | 'error' = 'idle';
  _entries: RewardEntry[] = [];
  _balance: number | null = null;
  /** The cursor of the next page, or null. */
  _next: string | null = null;
  _loadingMore = false;
  /** A first page is on its way: a next page asked meanwhile is asked once it is in, from its cursor. */
  private _loadingFirst = false;
  private _abort = new AbortController();

  constructor(private readonly _rewards: RewardsSource) {
    _rewards._host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this._onVisible);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this._onVisible);
  }

  /** Back from the app store: what was tapped shows as pending at once. */
  private _onVisible = (): void => {
    if (document.visibilityState === 'visible') this._refresh();
  };

  /** How many of the loaded entries are still pending (for the tab). */
  get _pending(): number {
    return this._entries.filter((entry) => entry.status === 'pending').length;
  }

  /** Forgets everything (another user or endpoint). */
  _reset(): void {
    this._abort.abort();
    this._status = 'idle';
    this._entries = [];
    this._balance = this._next = null;
    this._loadingMore = this._loadingFirst = false;
  }

  /** Loads the first page again; what is shown stays until the answer replaces it. */
  readonly _refresh = (): void => {
    if (!this._rewards._on) return;
    if (this._status !== 'loaded') this._status = 'loading';
    void this._page(null);
  };

  readonly _more = (): void => {
    if (!this._next || this._loadingMore) return;
    // While the first page loads again, the list shown is about to be replaced: its cursor would
    // fetch entries that the new first page then drops. The next page follows the new one.
    this._loadingMore = true;
    if (this._loadingFirst) this._rewards._host.requestUpdate();
    else void this._page(this._next);
  };

  /** The view, drawn with the wall's texts, icons, locale, currency and `credit-hint`; "Report a problem" only with a `support-url`. */
  _render(context: CardContext): TemplateResult {
    const { supportUrl, _creditHint } = this._rewards._settings()!;
    return renderRewards(this, context, _creditHint, supportUrl ? this._report : null);
  }

  /** "Report a problem": the publisher may handle it (`offer-support`); else their support page opens. */
  readonly _report = (reward: RewardEntry): void => {
    const { supportUrl: template, query } = this._rewards._settings()!;
    const url = supportUrl(template, reward, query.userId, document.baseURI);
    const detail: OfferSupportDetail = { reward };
    const asked = new CustomEvent('offer-support', { detail, bubbles: true, composed: true, cancelable: true });
    if (this._rewards._host.dispatchEvent(asked) && url) window.open(url, '_blank', 'noopener,noreferrer');
  };

  /** One page of the list: the JSON answer. */
  private async _get(cursor: string | null, signal: AbortSignal): Promise<unknown> {
    const { _rewardsEndpoint, _userToken, timeout } = this._rewards._settings()!;
    const url = new URL(_rewardsEndpoint!);
    if (cursor) url.searchParams.set('cursor', cursor);
    const timer = AbortSignal.timeout(timeout);
    let reason: string;
    try {
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${_userToken}` },
        signal: AbortSignal.any ? AbortSignal.any([signal, timer]) : timer,
      });
      if (response.ok) return await response.json();
      reason = `HTTP ${response.status}`;
    } catch (error) {
      if (signal.aborted) throw error;
      reason = (error as Error).message;
    }
    throw rewardsFailed(reason);
  }

  private async _page(cursor: string | null): Promise<void> {
    const rewards = this._rewards;
    if (cursor) this._loadingMore = true;
    else {
      // A first page replaces everything, a next page on its way included.
      this._abort.abort();
      this._abort = new AbortController();
      this._loadingMore = false;
      this._loadingFirst = true;
    }
    const { signal } = this._abort;
    rewards._host.requestUpdate();
    try {
      const page = readRewardsPage(await this._get(cursor, signal));
      if (signal.aborted) return;
      this._entries = cursor ? this._entries.concat(page.entries) : page.entries;
      this._balance = page.balance;
      this._next = page.next;
      this._status = 'loaded';
    } catch (error) {
      if (signal.aborted) return;
      // A failed next page keeps the list; a failed first page shows the error, with retry.
      if (!cursor) this._status = 'error';
      rewards._failed(error as WallErrorInfo);
    } finally {
      if (!signal.aborted) {
        // A next page asked while this first page was on its way goes on from it.
        const more = !cursor && this._loadingMore && this._status === 'loaded' && this._next;
        if (!cursor) this._loadingFirst = false;
        if (more) void this._page(more);
        else this._loadingMore = false;
      }
      rewards._host.requestUpdate();
    }
  }
}
