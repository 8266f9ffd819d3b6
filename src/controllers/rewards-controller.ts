/**
 * The user's rewards (CONTRACT.md section 9.2), the part in the script-tag file: whether rewards
 * are on, the requests to `{rewards-endpoint}` (the token as `Authorization: Bearer`, the wall's
 * time limit), recording each tap on an offer (`POST`, `keepalive`, so it survives the page going
 * to the offer), and loading the rewards chunk, which brings the view and the list it shows
 * (`rewards-list.ts`), as soon as rewards are on. The first screen never waits for it: the tabs
 * are drawn at once, the pending count joins them when the list has loaded. A chunk that cannot be
 * loaded leaves the wall without the view (taps are still recorded), reported as a `network`
 * error, and is tried once more when the page comes back online.
 */
import type { ReactiveController } from 'lit';
import type { RewardsView } from '../chunks/rewards.js';
import { WallError, type WallErrorInfo } from '../data/types.js';
import { loadChunk } from '../internal/chunk-load.js';
import type { RewardsList } from './rewards-list.js';
import type { WallHost } from './visibility-controllers.js';

export interface RewardsSettings {
  /** The rewards endpoint, or null when the wall has none (or no token): rewards are off. */
  _rewardsEndpoint: URL | null;
  _userToken: string | null;
  timeout: number;
}

export class RewardsController implements ReactiveController {
  /** The rewards chunk, once loaded. */
  _view: RewardsView | null = null;
  /** The list the view shows, once the chunk is here. */
  _list: RewardsList | null = null;
  /** The chunk could not be loaded: no view (until a try when the page is back online works). */
  _missing = false;
  private _asked = false;

  constructor(
    readonly _host: WallHost,
    private readonly _settings: () => RewardsSettings | undefined,
    readonly _failed: (error: WallErrorInfo) => void,
    /** The chunk has arrived: its styles join the wall's. */
    private readonly _arrived: (view: RewardsView) => void,
  ) {
    _host.addController(this);
  }

  /** Whether rewards are on: an endpoint and a token (none before the wall's first update). */
  get _on(): boolean {
    return !!this._settings()?._rewardsEndpoint;
  }

  /** How many of the loaded entries are still pending (for the tab). */
  get _pending(): number {
    return this._list?._pending ?? 0;
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

  /** Another user or endpoint: forgets their rewards, and loads the chunk when rewards are (now) on. */
  _reset(): void {
    this._list?._reset();
    if (!this._on || this._asked) return;
    this._asked = true;
    loadChunk(
      () => import('../chunks/rewards.js'),
      ({ default: view }) => {
        this._missing = false;
        this._view = view;
        this._list = view._list(this);
        this._arrived(view);
        this._refresh();
      },
      (error) => {
        this._missing = true;
        this._host.requestUpdate();
        this._failed(error);
      },
    );
  }

  /** Loads the first page of the list again (once the chunk is here). */
  readonly _refresh = (): void => this._list?._refresh();

  /** Records a tap on an offer; once recorded, the list is loaded again (the tap is now pending). */
  _record(body: string): void {
    this._call(null, body).then(this._refresh, this._failed);
  }

  /** One request with the token and the time limit: the JSON answer, nothing for a POST. */
  async _call(cursor: string | null, body?: string, signal?: AbortSignal): Promise<unknown> {
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
}
