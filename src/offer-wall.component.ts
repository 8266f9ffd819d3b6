/**
 * `<offer-wall>`: the element class, without registration (see `offer-wall.ts` for that). It keeps
 * what a publisher sees (properties, events, `reload()`), resolves the settings, and wires the
 * parts together:
 * - `controllers/feed-controller.ts`: requests, paging, retries, aborts, slicing of big pages;
 * - `controllers/window-controller.ts`: which cards are in the DOM;
 * - `controllers/visibility-controllers.ts`: impressions and loading near the end;
 * - `controllers/detail-controller.ts`: the offer detail's dialog, opening, closing, focus;
 * - `templates/`: the card and the states around it.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { DetailController } from './controllers/detail-controller.js';
import { FeedController } from './controllers/feed-controller.js';
import { ImpressionController, NearEndController } from './controllers/visibility-controllers.js';
import { WindowController } from './controllers/window-controller.js';
import type { FormatSetting } from './data/dialects.js';
import { formatCount, formatReward, type RewardSettings } from './data/format.js';
import type { WallOffer } from './data/types.js';
import { ShownOffers, type ViewQuery } from './data/view.js';
import { directionOf, messagesFor } from './i18n/index.js';
import { clickUrl, newClickId } from './data/urls.js';
import type {
  OfferClickDetail,
  OfferImpressionDetail,
  OfferWallErrorDetail,
  OfferWallLoadDetail,
} from './events.js';
import { isSetting, readSettings, REQUEST_PROPERTIES } from './internal/read-settings.js';
import type { Settings } from './internal/settings.js';
import type { WallMessages } from './messages.js';
import { hostStyles, wallStyles } from './offer-wall.styles.js';
import { drawCard, type CardContext } from './templates/card.js';
import { renderDetail } from './templates/detail.js';
import { detailStyles } from './templates/detail.styles.js';
import { toolbarStyles } from './templates/toolbar.styles.js';
import { renderEmpty, renderError, renderLoading, renderMore, renderNoMatches } from './templates/states.js';
import { renderToolbar } from './templates/toolbar.js';

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
 * @attr theme - `light`, `dark` or `auto` (follows `prefers-color-scheme`). Default `auto`.
 * @attr layout - `list` (one column) or `grid` (responsive columns of at least 240 px). Default `list`.
 * @attr sort - `feed` or `reward` (highest payout first; appcharge: lowest price first). Default `feed`.
 * @attr filter - Show only offers of this type, any case; empty shows all.
 * @attr search - Show only offers whose name or description contains this text (case and accents ignored).
 * @attr toolbar - `on` shows the filter, sort and search bar; `off` hides it. Default `on`.
 * @attr heading-level - Level (2 to 6) of each card's title heading. Default 3.
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
 * @csspart toolbar - The bar above the offers.
 * @csspart filter - A toggle button for one offer type (`aria-pressed`).
 * @csspart sort - The sort control.
 * @csspart search - The search box.
 * @csspart detail - The offer's detail dialog.
 * @csspart close - The detail's close button.
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
 * @cssprop --offer-wall-background - The wall's background (transparent in light, dark in dark).
 */
export class OfferWall extends LitElement {
  static override styles = [hostStyles, wallStyles, toolbarStyles, detailStyles];

  // Declared here rather than with decorators: the same meaning, fewer bytes in the bundle.
  static override properties = {
    ...{ endpoint: {}, format: {}, os: {}, country: {}, gaid: {}, andid: {}, locale: {}, toolbar: {} },
    pageSize: { attribute: 'page-size', type: Number },
    userId: { attribute: 'user-id' },
    offerType: { attribute: 'offer-type' },
    offerSubType: { attribute: 'offer-sub-type' },
    currencyName: { attribute: 'currency-name' },
    currencyRate: { attribute: 'currency-rate', type: Number },
    clickUrlTemplate: { attribute: 'click-url-template' },
    timeout: { type: Number },
    headingLevel: { attribute: 'heading-level', type: Number },
    theme: { reflect: true },
    layout: { reflect: true },
    // The toolbar writes these back, so a page can read (and a reload keep) what the user chose.
    ...{ sort: { reflect: true }, filter: { reflect: true }, search: { reflect: true } },
    messages: { attribute: false },
  };

  // No initial values: an unset property is `undefined` and the settings supply its default,
  // which keeps a constructor's worth of assignments out of the bundle.
  declare endpoint?: string | null;
  declare format?: FormatSetting;
  declare os?: string | null;
  declare country?: string | null;
  declare pageSize?: number | null;
  declare userId?: string | null;
  declare gaid?: string | null;
  declare andid?: string | null;
  declare offerType?: string | null;
  declare offerSubType?: string | null;
  declare currencyName?: string | null;
  declare currencyRate?: number | null;
  declare locale?: string | null;
  declare clickUrlTemplate?: string | null;
  declare timeout?: number | null;
  declare theme?: string | null;
  declare layout?: string | null;
  declare sort?: string | null;
  declare filter?: string | null;
  declare search?: string | null;
  declare toolbar?: string | null;
  declare headingLevel?: number | null;

  /** Overrides for any built-in text; unset keys keep their default. */
  declare messages?: Partial<WallMessages>;

  /** Icons that failed to load: their cards show the placeholder. */
  private _brokenIcons = new Set<string>();
  /** `reload()` was called: the next update loads again, with the settings as they are then. */
  private _reloadAsked = false;
  /** What filter, search and sort leave of the offers, in the order shown. */
  private _shown = new ShownOffers();
  /** What cards, the detail and the toolbar are drawn with, for the current update. */
  private _context!: CardContext;
  /** The resolved settings of the current load. */
  private _settings!: Settings;
  private _warned = new Set<string>();

  private _feed = new FeedController(this, () => (this._settings ??= readSettings(this, this._warned)), {
    reset: () => {
      this._impressions.reset();
      this._window.reset();
      this._brokenIcons = new Set();
      this._details.close(false);
    },
    // Formats are slow to build the first time: build them while the request is in flight.
    _waiting: () => formatReward({ kind: 'price', usd: 0, discountPercent: 1 }, this._rewardSettings()),
    _loaded: (detail) => this._emit<OfferWallLoadDetail>('offer-wall-load', detail),
    _failed: (error) => this._emit<OfferWallErrorDetail>('offer-wall-error', { error }),
  });

  private _window = new WindowController(this, {
    // A new page's first screen shows before the rest of it.
    count: () => Math.min(this._shown.order.length, this._feed._revealed),
    _keyAt: (position) => this._shown.order[position]!,
    list: () => this.renderRoot?.querySelector<HTMLElement>('.list') ?? null,
    draw: (card, key, position) => drawCard(card, this._feed.offers[key]!, key, position, this._context),
  });

  private _impressions = new ImpressionController(
    this,
    (key) => this._feed.offers[key]?.id,
    (key) => this._emit<OfferImpressionDetail>('offer-impression', { offer: this._feed.offers[key]! }),
  );

  private _details = new DetailController(this);

  constructor() {
    super();
    new NearEndController(this, this._feed._loadMore);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Observers are dropped on removal; the next render re-attaches them.
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this._settings || [...changed.keys()].some(isSetting)) this._settings = readSettings(this, this._warned);
    // The first update loads (even with no attribute set: that is a configuration error to show).
    if (!this.hasUpdated || this._reloadAsked || REQUEST_PROPERTIES.some((name) => changed.has(name))) {
      this._reloadAsked = false;
      this._feed.reload();
    }
    // Another order or selection starts from the top of the list.
    if (this._shown.update(this._feed.offers, this._settings.view)) this._window._rewind();
    this._context = this._cardContext();
  }

  /** The user changed the toolbar: the attributes follow, and the view with them. */
  private _changeView = (patch: Partial<ViewQuery>): void => {
    Object.assign(this, patch);
  };

  private _clearFilters = (): void => this._changeView({ filter: '', search: '' });

  /** Loads the offers again from the first page, dropping those shown. */
  reload(): void {
    // In the next update, so settings changed just before are the ones used, and used once.
    this._reloadAsked = true;
    this.requestUpdate();
  }

  private _emit<T>(type: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  private get _text(): WallMessages {
    return { ...messagesFor(this._settings.locale), ...this.messages };
  }

  private _rewardSettings(text = this._text): RewardSettings {
    const { locale, currencyName, currencyRate } = this._settings;
    return { locale, currencyName, currencyRate, discount: text.discount };
  }

  /** The call to action starts the offer; anywhere else on a card opens its detail. */
  private _onListClick = (event: MouseEvent): void => {
    const target = event.target as Element | null;
    const card = target?.closest?.('[data-index]');
    if (!card) return;
    const key = Number(card.getAttribute('data-index'));
    const offer = this._feed.offers[key];
    if (!offer) return;
    if (target!.closest('[part~="cta"]')) this._activate(offer);
    else this._details.open(key);
  };

  private _activate = (offer: WallOffer): void => {
    const { query, clickUrlTemplate } = this._settings;
    const url = clickUrl(
      offer.trackingUrl,
      clickUrlTemplate,
      { user_id: query.userId, click_id: newClickId(), offer_id: offer.templateId },
      document.baseURI,
    );
    const proceed = this._emit<OfferClickDetail>('offer-click', { offer, url }, true);
    if (proceed && url) window.open(url, '_blank', 'noopener,noreferrer');
  };

  private _onIconError = (event: Event): void => {
    const src = (event.target as HTMLImageElement).getAttribute('src');
    if (src && !this._brokenIcons.has(src)) {
      this._brokenIcons.add(src);
      this.requestUpdate();
    }
  };

  protected override render(): TemplateResult {
    const context = this._context;
    const { text } = context;
    const settings = this._settings;
    const { status, error } = this._feed;
    const { key } = this._details;
    const detail = key === null ? undefined : this._feed.offers[key];
    return html`<div
      class="wall theme-${settings.theme} layout-${settings.layout}"
      part="base"
      dir=${directionOf(settings.locale)}
      lang=${settings.locale}
    >
      <slot name="header"></slot>
      ${settings.toolbar && status === 'loaded' ? this._renderToolbar(text) : nothing}
      ${status === 'loading' ? renderLoading(text) : nothing}
      ${status === 'empty' ? renderEmpty(text) : nothing}
      ${status === 'error' && error ? renderError(error, text, this._feed.retry) : nothing}
      ${status === 'loaded' ? this._renderOffers(text) : nothing}
      ${detail
        ? renderDetail(detail, { ...context, close: this._details.close, start: this._activate })
        : nothing}
    </div>`;
  }

  private _cardContext(): CardContext {
    const text = this._text;
    return {
      _rewards: this._rewardSettings(text),
      text,
      _setSize: this._shown.order.length,
      headingLevel: this._settings.headingLevel,
      _brokenIcons: this._brokenIcons,
      _onIconError: this._onIconError,
    };
  }

  private _renderToolbar(text: WallMessages): TemplateResult {
    const { view, locale } = this._settings;
    return renderToolbar({
      text,
      view,
      types: this._shown.types,
      _byPrice: this._feed.offers[0]?.source === 'appcharge',
      results: text.results(this._shown.order.length, formatCount(this._shown.order.length, locale)),
      change: this._changeView,
    });
  }

  private _renderOffers(text: WallMessages): TemplateResult {
    const feed = this._feed;
    return html`
      ${this._shown.order.length || !feed.offers.length
        ? html`<ul part="list" class="list" role="list" aria-label=${text.listLabel} @click=${this._onListClick}></ul>`
        : renderNoMatches(text, this._clearFilters)}
      ${renderMore(feed, text, feed._loadMore, feed.retry)}
    `;
  }
}
