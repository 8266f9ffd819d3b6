/**
 * The user's rewards (CONTRACT.md section 9.2): loads the first page of `GET {rewards-endpoint}`
 * when asked (the view opened, the page visible again after the user went to an offer, a tap
 * recorded), further pages on `more`, and records each tap on an offer (`POST`, `keepalive`, so
 * it survives the page going to the offer). A failure never stops anything else: it is reported
 * (`offer-wall-error` kind `rewards`) and, for a load, shown with a retry. The token goes as
 * `Authorization: Bearer`; an answer to an outdated request (another user, another endpoint) is
 * dropped.
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

export type RewardsStatus = 'idle' | 'loading' | 'loaded' | 'error';

const asError = (error: unknown): WallErrorInfo =>
  error instanceof WallError ? { kind: 'rewards', message: error.message } : { kind: 'rewards', message: `The rewards could not be loaded (${String((error as Error)?.message ?? error)}).` };

/** One request to the rewards endpoint, with the token and a time limit; its JSON, or nothing for a 204. */
async function call(url: string, token: string, timeout: number, signal: AbortSignal, body?: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      headers: body ? { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } : { Authorization: `Bearer ${token}` },
      body,
      // A tap takes the user to the offer: the record must not die with the page.
      keepalive: !!body,
      credentials: 'same-origin',
      signal: AbortSignal.any ? AbortSignal.any([signal, AbortSignal.timeout(timeout)]) : signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new WallError('network', `The rewards endpoint could not be reached (${(error as Error).message || 'network error'}).`);
  }
  if (!response.ok) throw new WallError('http', `The rewards endpoint answered HTTP ${response.status}.`, response.status);
  return response.status === 204 ? null : response.json();
}

export class RewardsController implements ReactiveController {
  status: RewardsStatus = 'idle';
  entries: RewardEntry[] = [];
  balance: number | null = null;
  error: WallErrorInfo | null = null;
  /** The cursor of the next page, or null. */
  _next: string | null = null;
  _loadingMore = false;
  /** Bumped on every new first page; an answer for an older one is dropped. */
  private _generation = 0;
  private _abort: AbortController | null = null;

  constructor(
    private readonly _host: WallHost,
    private readonly _settings: () => RewardsSettings,
    private readonly _failed: (error: WallErrorInfo) => void,
  ) {
    _host.addController(this);
  }

  /** Whether rewards are on: an endpoint and a token. */
  get _on(): boolean {
    const { _rewardsEndpoint, _userToken } = this._settings();
    return !!(_rewardsEndpoint && _userToken);
  }

  /** How many of the loaded entries are still pending (for the tab). */
  get _pending(): number {
    return this.entries.filter((entry) => entry.status === 'pending').length;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this._onVisible);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this._onVisible);
    this._abort?.abort();
    this._abort = null;
  }

  /** Back from the app store: what was tapped shows as pending at once. */
  private _onVisible = (): void => {
    if (document.visibilityState === 'visible' && this.status !== 'idle') this.refresh();
  };

  /** Forgets everything (another user or endpoint). */
  reset(): void {
    this._abort?.abort();
    this._abort = null;
    this._generation++;
    this.status = 'idle';
    this.entries = [];
    this.balance = this.error = this._next = null;
    this._loadingMore = false;
  }

  /** Loads the first page again; what is shown stays until the answer replaces it. */
  readonly refresh = (): void => {
    if (!this._on) return;
    this._abort?.abort();
    this._abort = new AbortController();
    const generation = ++this._generation;
    if (this.status !== 'loaded') this.status = 'loading';
    this.error = null;
    this._host.requestUpdate();
    void this._page(null, generation, this._abort.signal);
  };

  readonly more = (): void => {
    if (!this._next || this._loadingMore || !this._on) return;
    this._loadingMore = true;
    this._abort ??= new AbortController();
    this._host.requestUpdate();
    void this._page(this._next, this._generation, this._abort.signal);
  };

  /** Records a tap on an offer; on success the list is loaded again (the tap is now pending). */
  _record(body: string): void {
    const { _rewardsEndpoint, _userToken, timeout } = this._settings();
    if (!_rewardsEndpoint || !_userToken) return;
    call(_rewardsEndpoint.href, _userToken, timeout, new AbortController().signal, body).then(
      () => this.refresh(),
      (error: unknown) => this._failed(asError(error)),
    );
  }

  private async _page(cursor: string | null, generation: number, signal: AbortSignal): Promise<void> {
    const { _rewardsEndpoint, _userToken, timeout } = this._settings();
    const url = new URL(_rewardsEndpoint!.href);
    if (cursor) url.searchParams.set('cursor', cursor);
    try {
      const page = readRewardsPage(await call(url.href, _userToken!, timeout, signal));
      if (generation !== this._generation) return;
      this.entries = cursor ? this.entries.concat(page.entries) : page.entries;
      this.balance = page.balance;
      this._next = page.next;
      this.status = 'loaded';
    } catch (error) {
      if (generation !== this._generation || signal.aborted) return;
      const info = asError(error);
      // A failed next page keeps the list; a failed first page shows the error, with retry.
      if (!cursor) {
        this.status = 'error';
        this.error = info;
      }
      this._failed(info);
    } finally {
      if (generation === this._generation) this._loadingMore = false;
      this._host.requestUpdate();
    }
  }
}
