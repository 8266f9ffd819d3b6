/**
 * The user's rewards (CONTRACT.md section 9.2): loads the first page of `GET {rewards-endpoint}`
 * when asked (the wall's first update, the view opened, the page visible again after the user
 * went to an offer, a tap recorded), further pages on `more`, and records each tap on an offer
 * (`POST`, `keepalive`, so it survives the page going to the offer). A failure never stops
 * anything else: it is reported (`offer-wall-error` kind `rewards`) and, for a first page, shown
 * with a retry. The token goes as `Authorization: Bearer`. Each load aborts the one before, so
 * an answer for another user or endpoint is never shown.
 */
import type { ReactiveController } from 'lit';
import { readRewardsPage, type RewardEntry } from '../data/rewards.js';
import { WallError, type WallErrorInfo } from '../data/types.js';
import type { WallHost } from './visibility-controllers.js';

export interface RewardsSettings {
  /** The rewards endpoint, or null when the wall has none (or no token): rewards are off. */
  _rewardsEndpoint: URL | null;
  _userToken: string | null;
  timeout: number;
}

export class RewardsController implements ReactiveController {
  _status: 'idle' | 'loading' | 'loaded' | 'error' = 'idle';
  _entries: RewardEntry[] = [];
  _balance: number | null = null;
  /** The cursor of the next page, or null. */
  _next: string | null = null;
  _loadingMore = false;
  /** A first page is on its way: a next page asked meanwhile is asked once it is in, from its cursor. */
  private _loadingFirst = false;
  private _abort = new AbortController();

  constructor(
    private readonly _host: WallHost,
    private readonly _settings: () => RewardsSettings | undefined,
    private readonly _failed: (error: WallErrorInfo) => void,
  ) {
    _host.addController(this);
  }

  /** Whether rewards are on: an endpoint and a token (none before the wall's first update). */
  get _on(): boolean {
    return !!this._settings()?._rewardsEndpoint;
  }

  /** How many of the loaded entries are still pending (for the tab). */
  get _pending(): number {
    return this._entries.filter((entry) => entry.status === 'pending').length;
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
    if (!this._on) return;
    if (this._status !== 'loaded') this._status = 'loading';
    void this._page(null);
  };

  readonly _more = (): void => {
    if (!this._next || this._loadingMore) return;
    // While the first page loads again, the list shown is about to be replaced: its cursor would
    // fetch entries that the new first page then drops. The next page follows the new one.
    this._loadingMore = true;
    if (this._loadingFirst) this._host.requestUpdate();
    else void this._page(this._next);
  };

  /** Records a tap on an offer; once recorded, the list is loaded again (the tap is now pending). */
  _record(body: string): void {
    this._call(null, body).then(this._refresh, this._failed);
  }

  /** One request with the token and the time limit: the JSON answer, nothing for a POST. */
  private async _call(cursor: string | null, body?: string, signal?: AbortSignal): Promise<unknown> {
    const { _rewardsEndpoint, _userToken, timeout } = this._settings()!;
    const url = new URL(_rewardsEndpoint!);
    if (cursor) url.searchParams.set('cursor', cursor);
    const timer = AbortSignal.timeout(timeout);
    let reason: string;
    try {
      const response = await fetch(url, {
        method: body ? 'POST' : 'GET',
        headers: body ? { Authorization: `Bearer ${_userToken}`, 'Content-Type': 'application/json' } : { Authorization: `Bearer ${_userToken}` },
        body,
        // A tap takes the user to the offer: the record must not die with the page.
        keepalive: !!body,
        signal: signal && AbortSignal.any ? AbortSignal.any([signal, timer]) : timer,
      });
      if (response.ok) return body ? null : await response.json();
      reason = `HTTP ${response.status}`;
    } catch (error) {
      if (signal?.aborted) throw error;
      reason = (error as Error).message;
    }
    throw new WallError('rewards', `The rewards endpoint failed: ${reason}.`);
  }

  private async _page(cursor: string | null): Promise<void> {
    if (cursor) this._loadingMore = true;
    else {
      // A first page replaces everything, a next page on its way included.
      this._abort.abort();
      this._abort = new AbortController();
      this._loadingMore = false;
      this._loadingFirst = true;
    }
    const { signal } = this._abort;
    this._host.requestUpdate();
    try {
      const page = readRewardsPage(await this._call(cursor, undefined, signal));
      if (signal.aborted) return;
      this._entries = cursor ? this._entries.concat(page.entries) : page.entries;
      this._balance = page.balance;
      this._next = page.next;
      this._status = 'loaded';
    } catch (error) {
      if (signal.aborted) return;
      // A failed next page keeps the list; a failed first page shows the error, with retry.
      if (!cursor) this._status = 'error';
      this._failed(error as WallErrorInfo);
    } finally {
      if (!signal.aborted) {
        // A next page asked while this first page was on its way goes on from it.
        const more = !cursor && this._loadingMore && this._status === 'loaded' && this._next;
        if (!cursor) this._loadingFirst = false;
        if (more) void this._page(more);
        else this._loadingMore = false;
      }
      this._host.requestUpdate();
    }
  }
}
