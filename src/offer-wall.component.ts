/**
 * `<offer-wall>`: the element class, without registration (see `offer-wall.ts` for that). It keeps
 * what a publisher sees (properties, events, `reload()`), resolves the settings, and wires the
 * parts together:
 * - `controllers/feed-controller.ts`: requests, paging, retries, aborts, slicing of big pages;
 * - `controllers/window-controller.ts`: which cards are in the DOM;
 * - `controllers/visibility-controllers.ts`: impressions and loading near the end;
 * - `templates/`: the card and the states around it.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { FeedController } from './controllers/feed-controller.js';
import { ImpressionController, NearEndController } from './controllers/visibility-controllers.js';
import { WindowController } from './controllers/window-controller.js';
import type { FormatSetting } from './data/dialects.js';
import { formatReward, type RewardSettings } from './data/format.js';
import type { WallOffer } from './data/types.js';
import { clickUrl, newClickId } from './data/urls.js';
import type {
  OfferClickDetail,
  OfferImpressionDetail,
  OfferWallErrorDetail,
  OfferWallLoadDetail,
} from './events.js';
import { readSettings, REQUEST_PROPERTIES, SETTING_PROPERTIES } from './internal/read-settings.js';
import type { Settings } from './internal/settings.js';
import { EN_MESSAGES, type WallMessages } from './messages.js';
import { hostStyles, wallStyles } from './offer-wall.styles.js';
import { renderCard, type CardContext } from './templates/card.js';
import { renderEmpty, renderError, renderLoading, renderMore } from './templates/states.js';

/**
 * An offerwall: fetches offers from the publisher's endpoint and shows them as cards.
 *
 * @tag offer-wall
 *
 * @attr endpoint - URL of the publisher's backend endpoint that returns offers.
 * @attr format - `s2s`, `appcharge` or `auto` (detected from the answer). Default `auto`.
 * @attr os - `android` or `ios`, sent upstream (s2s). Default: from the user agent.
 * @attr country - ISO 3166-1 alpha-2 country filter (s2s).
 * @attr page-size - Offers per page. Default 20.
 * @attr user-id - The publisher's id for the user: `thirdparty_id` (s2s) and `{user_id}` in links.
 * @attr gaid - Android advertising id (s2s).
 * @attr andid - Android id (s2s).
 * @attr offer-type - appcharge `offerType` filter.
 * @attr offer-sub-type - appcharge `offerSubType` filter.
 * @attr currency-name - Name of the publisher's virtual currency (`Coins`).
 * @attr currency-rate - Virtual currency units per US dollar of payout.
 * @attr locale - BCP 47 locale for numbers and texts. Default: the page's `lang`, else the browser's.
 * @attr click-url-template - Link for offers without a tracking link; `{offer_id}`, `{user_id}` filled.
 * @attr timeout - Milliseconds one attempt at the endpoint may take. Default 10000.
 *
 * @fires offer-click - The user activated an offer's call to action. Cancelable; by default the wall opens `detail.url` in a new tab.
 * @fires offer-impression - An offer's card was at least half visible for the first time since the wall (re)loaded.
 * @fires offer-wall-load - A page of offers was received and shown.
 * @fires offer-wall-error - Loading failed after retries, or the configuration is unusable.
 *
 * @slot header - Content shown above the offers.
 * @slot empty - Replaces the built-in text of the empty state.
 *
 * @csspart base - The wall's root, inside the shadow root.
 * @csspart list - The list of offers.
 * @csspart card - One offer.
 * @csspart icon - The offer's icon, or its placeholder.
 * @csspart title - The offer's name.
 * @csspart payout - The reward line.
 * @csspart description - The offer's description.
 * @csspart steps - The conversion flow, an ordered list.
 * @csspart step - One step of the conversion flow.
 * @csspart cta - The call to action that fires `offer-click`.
 * @csspart loading - The loading state.
 * @csspart empty - The empty state.
 * @csspart error - The error panel.
 * @csspart retry - The button in the error panel.
 * @csspart more - The control that loads the next page.
 *
 * @cssprop --offer-wall-accent - Accent colour: rewards, buttons, focus rings.
 * @cssprop --offer-wall-accent-text - Text on the accent colour.
 * @cssprop --offer-wall-surface - Card background.
 * @cssprop --offer-wall-text - Main text colour.
 * @cssprop --offer-wall-muted - Secondary text colour.
 * @cssprop --offer-wall-border - Card border colour.
 * @cssprop --offer-wall-error - Error text colour.
 * @cssprop --offer-wall-radius - Corner radius of cards and buttons.
 * @cssprop --offer-wall-spacing - Space between and inside cards.
 * @cssprop --offer-wall-font - Font family.
 * @cssprop --offer-wall-font-size - Base font size.
 */
export class OfferWall extends LitElement {
  static override styles = [hostStyles, wallStyles];

  // Declared here rather than with decorators: the same meaning, fewer bytes in the bundle.
  static override properties = {
    endpoint: {},
    format: {},
    os: {},
    country: {},
    pageSize: { attribute: 'page-size', type: Number },
    userId: { attribute: 'user-id' },
    gaid: {},
    andid: {},
    offerType: { attribute: 'offer-type' },
    offerSubType: { attribute: 'offer-sub-type' },
    currencyName: { attribute: 'currency-name' },
    currencyRate: { attribute: 'currency-rate', type: Number },
    locale: {},
    clickUrlTemplate: { attribute: 'click-url-template' },
    timeout: { type: Number },
    messages: { attribute: false },
    _brokenIcons: { state: true },
  };

  endpoint: string | null = null;
  format: FormatSetting = 'auto';
  os: string | null = null;
  country: string | null = null;
  pageSize: number | null = null;
  userId: string | null = null;
  gaid: string | null = null;
  andid: string | null = null;
  offerType: string | null = null;
  offerSubType: string | null = null;
  currencyName: string | null = null;
  currencyRate: number | null = null;
  locale: string | null = null;
  clickUrlTemplate: string | null = null;
  timeout: number | null = null;

  /** Overrides for any built-in text; unset keys keep their default. */
  messages: Partial<WallMessages> = {};

  private _brokenIcons: ReadonlySet<string> = new Set();
  /** The resolved settings of the current load. */
  private _settings!: Settings;
  private _warned = new Set<string>();

  private _feed = new FeedController(this, () => (this._settings ??= readSettings(this, this._warned)), {
    reset: () => {
      this._impressions.reset();
      this._window.reset();
      this._brokenIcons = new Set();
    },
    // Formats are slow to build the first time: build them while the request is in flight.
    waiting: () => formatReward({ kind: 'price', usd: 0, discountPercent: 1 }, this._rewardSettings()),
    loaded: (detail) => this._emit<OfferWallLoadDetail>('offer-wall-load', detail),
    failed: (error) => this._emit<OfferWallErrorDetail>('offer-wall-error', { error }),
  });

  private _window = new WindowController(this, {
    // A new page's first screen shows before the rest of it.
    count: () => Math.min(this._feed.offers.length, this._feed.revealed),
    keyAt: (position) => position,
    list: () => this.renderRoot?.querySelector<HTMLElement>('.list') ?? null,
  });

  private _impressions = new ImpressionController(
    this,
    (key) => this._feed.offers[key]?.id,
    (key) => this._emit<OfferImpressionDetail>('offer-impression', { offer: this._feed.offers[key]! }),
  );

  constructor() {
    super();
    new NearEndController(
      this,
      () => !this._feed.loadingMore && !this._feed.moreError,
      () => this._feed.loadMore(),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Observers are dropped on removal; the next render re-attaches them.
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this._settings || SETTING_PROPERTIES.some((name) => changed.has(name))) this._settings = readSettings(this, this._warned);
    if (REQUEST_PROPERTIES.some((name) => changed.has(name))) this._feed.reload();
  }

  /** Loads the offers again from the first page, dropping those shown. */
  reload(): void {
    this._feed.reload();
  }

  private _emit<T>(type: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  private get _text(): WallMessages {
    return { ...EN_MESSAGES, ...this.messages };
  }

  private _rewardSettings(): RewardSettings {
    const { locale, currencyName, currencyRate } = this._settings;
    return { locale, currencyName, currencyRate, discount: this._text.discount };
  }

  private _onListClick = (event: MouseEvent): void => {
    const cta = (event.target as Element | null)?.closest?.('[part~="cta"]');
    const card = cta?.closest('[data-index]');
    if (!cta || !card) return;
    const offer = this._feed.offers[Number(card.getAttribute('data-index'))];
    if (offer) this._activate(offer);
  };

  private _activate(offer: WallOffer): void {
    const { query, clickUrlTemplate } = this._settings;
    const url = clickUrl(
      offer.trackingUrl,
      clickUrlTemplate,
      { user_id: query.userId, click_id: newClickId(), offer_id: offer.templateId },
      document.baseURI,
    );
    const proceed = this._emit<OfferClickDetail>('offer-click', { offer, url }, true);
    if (proceed && url) window.open(url, '_blank', 'noopener,noreferrer');
  }

  private _onIconError = (event: Event): void => {
    const src = (event.target as HTMLImageElement).getAttribute('src');
    if (src) this._brokenIcons = new Set(this._brokenIcons).add(src);
  };

  private _retry = (): void => this._feed.retry();
  private _loadMore = (): void => this._feed.loadMore();

  protected override render(): TemplateResult {
    const text = this._text;
    const { status, error } = this._feed;
    return html`<div class="wall" part="base">
      <slot name="header"></slot>
      ${status === 'loading' ? renderLoading(text) : nothing}
      ${status === 'empty' ? renderEmpty(text) : nothing}
      ${status === 'error' && error ? renderError(error, text, this._retry) : nothing}
      ${status === 'loaded' ? this._renderOffers(text) : nothing}
    </div>`;
  }

  private _renderOffers(text: WallMessages): TemplateResult {
    const feed = this._feed;
    const { start, end } = this._window;
    const context: CardContext = {
      rewards: this._rewardSettings(),
      text,
      setSize: feed.offers.length,
      brokenIcons: this._brokenIcons,
      onIconError: this._onIconError,
    };
    return html`
      <ul part="list" class="list" role="list" aria-label=${text.listLabel} @click=${this._onListClick}>
        ${repeat(
          // Keyed by position in the feed, so a card (and the focus in it) stays with its offer
          // as the window moves.
          feed.offers.slice(start, end),
          (_offer, i) => start + i,
          (offer, i) => renderCard(offer, start + i, start + i, context),
        )}
      </ul>
      ${renderMore(feed, text, this._loadMore, this._retry)}
    `;
  }
}
