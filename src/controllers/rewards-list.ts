/**
 * The user's rewards as the rewards view shows them (CONTRACT.md section 9.2), part of the rewards
 * chunk: loads the first page of `GET {rewards-endpoint}` when asked (the chunk arrived, the view
 * opened, the page visible again after the user went to an offer, a tap recorded), further pages
 * on `more`. A failure never stops anything else: it is reported (`offer-wall-error` kind
 * `rewards`) and, for a first page, shown with a retry. Each load aborts the one before, so an
 * answer for another user or endpoint is never shown. The requests themselves are the
 * controller's (`RewardsController._call`, in the script-tag file, which also records taps).
 */
import type { RewardsController } from './rewards-controller.js';
import { readRewardsPage, type RewardEntry } from '../data/rewards.js';
import type { WallErrorInfo } from '../data/types.js';

export class RewardsList {
  _status: 'idle' | 'loading' | 'loaded' | 'error' = 'idle';
  _entries: RewardEntry[] = [];
  _balance: number | null = null;
  /** The cursor of the next page, or null. */
  _next: string | null = null;
  _loadingMore = false;
  private _abort = new AbortController();

  constructor(private readonly _rewards: RewardsController) {}

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
    this._loadingMore = false;
  }

  /** Loads the first page again; what is shown stays until the answer replaces it. */
  readonly _refresh = (): void => {
    if (!this._rewards._on) return;
    if (this._status !== 'loaded') this._status = 'loading';
    void this._page(null);
  };

  readonly _more = (): void => {
    if (this._next && !this._loadingMore) void this._page(this._next);
  };

  private async _page(cursor: string | null): Promise<void> {
    const rewards = this._rewards;
    if (cursor) this._loadingMore = true;
    else {
      // A first page replaces everything, a next page on its way included.
      this._abort.abort();
      this._abort = new AbortController();
      this._loadingMore = false;
    }
    const { signal } = this._abort;
    rewards._host.requestUpdate();
    try {
      const page = readRewardsPage(await rewards._call(cursor, undefined, signal));
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
      if (!signal.aborted) this._loadingMore = false;
      rewards._host.requestUpdate();
    }
  }
}
