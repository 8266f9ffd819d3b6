/**
 * The user's rewards (CONTRACT.md section 9.2), the part in the script-tag file: whether rewards
 * are on, recording each tap on an offer (`POST {rewards-endpoint}`, the token as
 * `Authorization: Bearer`, `keepalive` so that it survives the page going to the offer), and
 * loading the rewards chunk, which brings the view and the list it shows (`rewards-list.ts`), as
 * soon as rewards are on. The first screen never waits for it: the tabs are drawn at once, the
 * pending count joins them when the list has loaded. A chunk that cannot be loaded leaves the
 * wall without the view (taps are still recorded), reported as a `network` error, and is tried
 * once more when the page comes back online.
 */
import { formatCount } from '../data/format.js';
import { rewardsFailed, type WallErrorInfo } from '../data/types.js';
import { loadChunk } from '../internal/chunk-load.js';
import type { Settings } from '../internal/settings.js';
import type { RewardsListView, RewardsSource, RewardsView } from './rewards-view.js';
import type { WallHost } from './visibility-controllers.js';

export class RewardsController implements RewardsSource {
  /** The list the view shows (and draws it), once the rewards chunk is here. */
  _list: RewardsListView | null = null;
  /** The chunk could not be loaded: no view (until a try when the page is back online works). */
  _missing = false;
  private _asked = false;

  constructor(
    readonly _host: WallHost,
    readonly _settings: () => Settings | undefined,
    readonly _failed: (error: WallErrorInfo) => void,
    /** The chunk has arrived: its styles join the wall's. */
    private readonly _arrived: (view: RewardsView) => void,
  ) {}

  /** Whether rewards are on: an endpoint and a token (none before the wall's first update). */
  get _on(): boolean {
    return !!this._settings()?._rewardsEndpoint;
  }

  /** How many of the loaded entries are still pending, in the locale's digits (for the tab); empty for none. */
  get _pending(): string {
    const count = this._list?._pending;
    return count ? formatCount(count, this._settings()!.locale) : '';
  }

  /** Another user or endpoint: forgets their rewards, and loads the chunk when rewards are (now) on. */
  _reset(): void {
    this._list?._reset();
    if (!this._on || this._asked) return;
    this._asked = true;
    loadChunk(
      () => import('../chunks/rewards.js'),
      ({ default: view }) => {
        this._missing = false;
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
    const { _rewardsEndpoint, _userToken, timeout } = this._settings()!;
    fetch(_rewardsEndpoint!, {
      method: 'POST',
      headers: { Authorization: `Bearer ${_userToken}`, 'Content-Type': 'application/json' },
      body,
      // A tap takes the user to the offer: the record must not die with the page.
      keepalive: true,
      signal: AbortSignal.timeout(timeout),
    }).then(
      (response) => (response.ok ? this._refresh() : this._failed(rewardsFailed(`HTTP ${response.status}`))),
      (error: Error) => this._failed(rewardsFailed(error.message)),
    );
  }
}
