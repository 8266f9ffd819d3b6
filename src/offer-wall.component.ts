/**
 * `<offer-wall>`: the element class, without registration (see `offer-wall.ts` for that).
 * It owns state and rendering; fetching lives in `data/request.ts`, parsing in the dialect
 * adapters, and setting validation in `internal/settings.ts`.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { buildQuery, openFeed, requestedPageSize, warmUpDialects, type FormatSetting } from './data/dialects.js';
import { formatItems, formatReward, formatUsd, type RewardSettings } from './data/format.js';
import { fetchFeed } from './data/request.js';
import { WallError, type FeedFormat, type WallErrorInfo, type WallOffer, type WallStep } from './data/types.js';
import { clickUrl, newClickId } from './data/urls.js';
import type {
  OfferClickDetail,
  OfferImpressionDetail,
  OfferWallErrorDetail,
  OfferWallLoadDetail,
} from './events.js';
import { detectOs, isValidLocale } from './internal/platform.js';
import { requestUrl, resolveSettings, type Settings } from './internal/settings.js';
import { EN_MESSAGES, type WallMessages } from './messages.js';
import { hostStyles, wallStyles } from './offer-wall.styles.js';

/** Properties whose change alters the request: changing one reloads from the first page. */
const REQUEST_PROPERTIES = [
  'endpoint',
  'format',
  'os',
  'country',
  'pageSize',
  'userId',
  'gaid',
  'andid',
  'offerType',
  'offerSubType',
] as const;

/** Every property that `resolveSettings` reads. */
const SETTING_PROPERTIES = [
  ...REQUEST_PROPERTIES,
  'currencyName',
  'currencyRate',
  'locale',
  'clickUrlTemplate',
  'timeout',
] as const;

/** How far below the viewport the end of the list may be when the next page starts loading. */
const NEAR_END_MARGIN = '0px 0px 600px 0px';

/**
 * The most cards in the DOM at once. Up to this many offers render whole; beyond it the wall
 * renders this many around the viewport and pads the list to its full height (see `_window`).
 */
const WINDOW = 60;

/** A card's height before it has been measured. */
const ESTIMATED_CARD_HEIGHT = 120;

/** Offers adapted per task after the first screen. */
const SLICE = 1000;

/** Cards rendered before the first paint of a page: a tall phone screen's worth. */
const FIRST_SCREEN = 16;

type Status = 'loading' | 'loaded' | 'empty' | 'error';

/** Resolves once the browser has painted a frame, or after 100 ms where frames are paused. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(resolve));
  });
}

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
    _status: { state: true },
    _offers: { state: true },
    _error: { state: true },
    _moreError: { state: true },
    _loadingMore: { state: true },
    _brokenIcons: { state: true },
    _start: { state: true },
    _end: { state: true },
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

  private _status: Status = 'loading';
  private _offers: WallOffer[] = [];
  private _error: WallErrorInfo | null = null;
  /** A failed next page: the offers already shown stay, with a retry below them. */
  private _moreError: WallErrorInfo | null = null;
  private _loadingMore = false;
  private _brokenIcons: ReadonlySet<string> = new Set();
  /** The offers rendered as cards: `_offers.slice(_start, _end)`. */
  private _start = 0;
  private _end = 0;

  /** The resolved settings of the current load. */
  private _settings!: Settings;
  /** Bumped on every reload; an answer for an older load is dropped. */
  private _loadId = 0;
  private _abort: AbortController | null = null;
  /** Set when a load was cut short by removal, so re-adding the element resumes it. */
  private _resumeOnConnect = false;
  private _page = 0;
  private _received = 0;
  private _lastReceived = 0;
  private _total: number | null = null;
  /** Page size in force for the dialect that answered (appcharge caps it). */
  private _pageSize = 0;
  /** The dialect detected from the first answer, when `format` is `auto`. */
  private _detected: FeedFormat | null = null;
  private _warned = new Set<string>();
  private _impressed = new Set<string>();
  private _impressionObserver: IntersectionObserver | null = null;
  private _nearEndObserver: IntersectionObserver | null = null;
  /** The offer index each card was observed for (cards are reused for other offers). */
  private _observedCards = new WeakMap<Element, number>();
  /** Measured card heights by offer index, with their sum and count for the estimate. */
  private _heights: number[] = [];
  private _measured = { sum: 0, count: 0 };
  /** The list's gap between cards, read when cards are measured. */
  private _gap = 0;
  private _frame = 0;
  /** A page is being adapted slice by slice (its first offers may already show). */
  private _slicing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._resumeOnConnect) {
      this._resumeOnConnect = false;
      this._reload();
    }
    // Observers are dropped on removal; the next render re-attaches them.
    this.requestUpdate();
    // Capture sees the scrolling of the page and of any scrolling ancestor.
    addEventListener('scroll', this._onViewportChange, { capture: true, passive: true });
    addEventListener('resize', this._onViewportChange, { passive: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._status === 'loading' || this._loadingMore || this._slicing) this._resumeOnConnect = true;
    this._abort?.abort();
    this._abort = null;
    this._loadingMore = false;
    this._impressionObserver?.disconnect();
    this._impressionObserver = null;
    this._nearEndObserver?.disconnect();
    this._nearEndObserver = null;
    this._observedCards = new WeakMap();
    removeEventListener('scroll', this._onViewportChange, true);
    removeEventListener('resize', this._onViewportChange);
    cancelAnimationFrame(this._frame);
    this._frame = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this._settings || SETTING_PROPERTIES.some((name) => changed.has(name))) this._settings = this._resolve();
    if (REQUEST_PROPERTIES.some((name) => changed.has(name))) this._reload();
  }

  protected override updated(): void {
    // An update queued before removal still runs; a removed wall must not start observing again
    // (reconnecting requests an update that does).
    if (!this.isConnected) return;
    this._measureCards();
    this._observeCards();
    this._observeNearEnd();
  }

  /** Loads the offers again from the first page, dropping those shown. */
  reload(): void {
    this._reload();
  }

  private _resolve(): Settings {
    const { settings, problems } = resolveSettings(
      {
        endpoint: this.endpoint,
        format: this.format,
        os: this.os,
        country: this.country,
        pageSize: this._numeric('pageSize', 'page-size'),
        userId: this.userId,
        gaid: this.gaid,
        andid: this.andid,
        offerType: this.offerType,
        offerSubType: this.offerSubType,
        currencyName: this.currencyName,
        currencyRate: this._numeric('currencyRate', 'currency-rate'),
        locale: this.locale,
        clickUrlTemplate: this.clickUrlTemplate,
        timeout: this._numeric('timeout', 'timeout'),
      },
      {
        os: detectOs(),
        // A page's lang can be malformed (`en_US`): the first usable of page, browser, English.
        locale: [this.closest('[lang]')?.getAttribute('lang'), navigator.language].find((tag) => tag && isValidLocale(tag)) ?? 'en',
        baseUrl: document.baseURI,
      },
    );
    for (const problem of problems) {
      if (!this._warned.has(problem.message)) {
        this._warned.add(problem.message);
        console.warn(`<offer-wall>: ${problem.message}`);
      }
    }
    return settings;
  }

  /** A numeric property, or its attribute's own text when that did not parse, for warnings. */
  private _numeric(name: 'pageSize' | 'currencyRate' | 'timeout', attribute: string): number | string | null {
    const value = this[name];
    return typeof value === 'number' && Number.isNaN(value) ? (this.getAttribute(attribute) ?? value) : value;
  }

  private _reload(): void {
    this._abort?.abort();
    this._abort = null;
    const loadId = ++this._loadId;
    this._offers = [];
    this._error = null;
    this._moreError = null;
    this._loadingMore = false;
    this._page = 0;
    this._received = 0;
    this._lastReceived = 0;
    this._total = null;
    this._detected = null;
    this._impressed = new Set();
    this._brokenIcons = new Set();
    this._impressionObserver?.disconnect();
    this._observedCards = new WeakMap();
    this._heights = [];
    this._measured = { sum: 0, count: 0 };
    this._start = this._end = 0;
    this._slicing = false;

    if (!this.isConnected) {
      this._resumeOnConnect = true;
      return;
    }
    const settings = this._settings ?? (this._settings = this._resolve());
    if (!settings.endpoint) {
      this._fail(loadId, new WallError('config', settings.endpointProblem ?? 'The endpoint is not usable.'), false);
      return;
    }
    this._status = 'loading';
    this._abort = new AbortController();
    void this._loadPage(loadId, 1, this._abort.signal);
    // While the request is in flight, build what the answer will need (formats, schemas), so
    // the first cards do not wait for it.
    warmUpDialects();
    formatReward({ kind: 'price', usd: 0, discountPercent: 1 }, this._rewardSettings());
  }

  private _loadMore(): void {
    if (this._status !== 'loaded' || this._loadingMore || !this._hasMore() || !this.isConnected) return;
    this._moreError = null;
    this._loadingMore = true;
    // Removal aborts and drops the controller; a wall put back in the page gets a new one.
    this._abort ??= new AbortController();
    void this._loadPage(this._loadId, this._page + 1, this._abort.signal);
  }

  private _retry(): void {
    if (this._moreError) this._loadMore();
    else this._reload();
  }

  private async _loadPage(loadId: number, page: number, signal: AbortSignal): Promise<void> {
    const settings = this._settings;
    const format: FormatSetting = this._detected ?? settings.format;
    const query = { ...settings.query, page };
    try {
      const url = requestUrl(settings.endpoint!, buildQuery(format, query));
      const body = await fetchFeed(url, { signal, timeout: settings.timeout });
      if (loadId !== this._loadId) return;
      const { dialect, items, total } = openFeed(body, format);
      this._detected = dialect.format;
      const now = Date.now();
      let shown = 0;
      // The first screen's offers are adapted and rendered at once; the rest follow in slices,
      // one task each, so a 10,000-offer page paints its first cards as soon as it can.
      this._slicing = true;
      // First screen first: the first offers are adapted and a screenful of cards rendered and
      // painted before anything else; then the window grows to full size and the rest of the page
      // is adapted in slices, a task each.
      let from = 0;
      let limit = FIRST_SCREEN;
      for (;;) {
        const to = Math.min(items.length, from ? from + SLICE : WINDOW);
        const adapted: WallOffer[] = [];
        for (let i = from; i < to; i++) {
          const offer = dialect.adapt(items[i], now);
          if (offer) adapted.push(offer);
        }
        from = to;
        shown += adapted.length;
        if (adapted.length) this._offers = this._offers.concat(adapted);
        // Past a full window, the window follows the viewport (see `_window`).
        this._end = Math.max(this._end, Math.min(this._offers.length, limit));
        if (this._offers.length && this._status === 'loading') this._status = 'loaded';
        if (from >= items.length && this._end >= Math.min(this._offers.length, WINDOW)) break;
        await (limit === FIRST_SCREEN ? afterPaint() : new Promise((resolve) => setTimeout(resolve)));
        if (loadId !== this._loadId || signal.aborted) return;
        limit = WINDOW;
      }
      this._slicing = false;
      this._page = page;
      this._received += items.length;
      this._lastReceived = items.length;
      this._total = total ?? this._total;
      this._pageSize = requestedPageSize(dialect.format, query);
      this._loadingMore = false;
      this._status = this._offers.length === 0 && !this._hasMore() ? 'empty' : 'loaded';
      await this.updateComplete;
      if (loadId !== this._loadId) return;
      this._emit<OfferWallLoadDetail>('offer-wall-load', {
        // A copy: a listener that sorts or trims it must not reorder the cards' offers.
        offers: [...this._offers],
        total: this._total,
        page,
        rejected: items.length - shown,
      });
      // A page whose offers were all left out shows nothing new; fetch on rather than strand the user.
      if (shown === 0 && this._hasMore()) this._loadMore();
    } catch (error) {
      if (loadId !== this._loadId || signal.aborted) return;
      this._fail(loadId, error, page > 1);
    }
  }

  private _hasMore(): boolean {
    if (this._lastReceived === 0) return false;
    if (this._total !== null) return this._received < this._total;
    return this._lastReceived >= this._pageSize;
  }

  private _fail(loadId: number, error: unknown, morePage: boolean): void {
    const info: WallErrorInfo =
      error instanceof WallError
        ? { kind: error.kind, message: error.message }
        : { kind: 'payload', message: `The offers could not be read (${String((error as Error)?.message ?? error)}).` };
    this._loadingMore = false;
    if (morePage) {
      this._moreError = info;
    } else {
      this._error = info;
      this._status = 'error';
    }
    void this.updateComplete.then(() => {
      if (loadId === this._loadId) this._emit<OfferWallErrorDetail>('offer-wall-error', { error: info });
    });
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

  // ---- clicks -------------------------------------------------------------------------------

  private _onListClick = (event: MouseEvent): void => {
    const cta = (event.target as Element | null)?.closest?.('[part~="cta"]');
    const card = cta?.closest('[data-index]');
    if (!cta || !card) return;
    const offer = this._offers[Number(card.getAttribute('data-index'))];
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

  // ---- observers ----------------------------------------------------------------------------

  private _observeCards(): void {
    if (typeof IntersectionObserver === 'undefined' || this._offers.length === 0) return;
    this._impressionObserver ??= new IntersectionObserver(this._onCardsVisible, { threshold: 0.5 });
    for (const card of this.renderRoot.querySelectorAll('[part~="card"]')) {
      const index = Number(card.getAttribute('data-index'));
      if (this._observedCards.get(card) !== index) {
        this._observedCards.set(card, index);
        // Re-observing a card that now shows another offer reports it afresh.
        this._impressionObserver.unobserve(card);
        this._impressionObserver.observe(card);
      }
    }
  }

  private _onCardsVisible = (entries: IntersectionObserverEntry[]): void => {
    for (const entry of entries) {
      if (!entry.isIntersecting || entry.intersectionRatio < 0.5) continue;
      this._impressionObserver?.unobserve(entry.target);
      const offer = this._offers[Number(entry.target.getAttribute('data-index'))];
      if (!offer || this._impressed.has(offer.id)) continue;
      this._impressed.add(offer.id);
      this._emit<OfferImpressionDetail>('offer-impression', { offer });
    }
  };

  private _observeNearEnd(): void {
    if (typeof IntersectionObserver === 'undefined') return;
    this._nearEndObserver ??= new IntersectionObserver(this._onNearEnd, { rootMargin: NEAR_END_MARGIN });
    // Observing afresh after each render reports the control's position now, so a page that
    // leaves the end of the list in view is followed by the next one.
    this._nearEndObserver.disconnect();
    const more = this.renderRoot.querySelector('[part~="more"]');
    if (more && !this._loadingMore && !this._moreError) this._nearEndObserver.observe(more);
  }

  private _onNearEnd = (entries: IntersectionObserverEntry[]): void => {
    if (entries.some((entry) => entry.isIntersecting)) this._loadMore();
  };

  // ---- windowing ----------------------------------------------------------------------------

  private _onViewportChange = (): void => {
    if (this._offers.length > WINDOW && !this._frame) {
      this._frame = requestAnimationFrame(() => {
        this._frame = 0;
        this._window();
      });
    }
  };

  private _height(index: number): number {
    return this._heights[index] ?? (this._measured.count ? this._measured.sum / this._measured.count : ESTIMATED_CARD_HEIGHT);
  }

  /** Records the rendered cards' heights and pads the list to the height of every offer. */
  private _measureCards(): void {
    const list = this.renderRoot.querySelector<HTMLElement>('.list');
    if (!list) return;
    if (this._offers.length <= WINDOW) {
      list.style.paddingTop = list.style.paddingBottom = '';
      return;
    }
    for (const card of list.children) {
      const index = Number(card.getAttribute('data-index'));
      const height = (card as HTMLElement).offsetHeight;
      const known = this._heights[index];
      if (known === height) continue;
      this._measured.sum += height - (known ?? 0);
      if (known === undefined) this._measured.count++;
      this._heights[index] = height;
    }
    const gap = (this._gap = parseFloat(getComputedStyle(list).rowGap) || 0);
    let before = 0;
    let after = 0;
    for (let i = 0; i < this._start; i++) before += this._height(i) + gap;
    for (let i = this._end; i < this._offers.length; i++) after += this._height(i) + gap;
    // Set through the CSSOM, which a strict Content-Security-Policy allows.
    list.style.paddingTop = `${before}px`;
    list.style.paddingBottom = `${after}px`;
    this._onViewportChange();
  }

  /** Picks the offers to render: those in the viewport, with the rest of the window around them. */
  private _window(): void {
    const list = this.renderRoot.querySelector('.list');
    const count = this._offers.length;
    if (!list || count <= WINDOW) return;
    const top = -list.getBoundingClientRect().top;
    const bottom = top + innerHeight;
    let first = count;
    let last = count;
    for (let i = 0, y = 0; i < count; i++) {
      const next = y + this._height(i) + this._gap;
      if (first === count && next > top) first = i;
      if (y >= bottom) {
        last = i;
        break;
      }
      y = next;
    }
    const spare = Math.max(0, WINDOW - (last - first));
    const start = Math.max(0, Math.min(first - (spare >> 1), count - WINDOW));
    this._start = start;
    this._end = Math.min(count, start + WINDOW);
  }

  // ---- rendering ----------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const text = this._text;
    return html`<div class="wall" part="base">
      <slot name="header"></slot>
      ${this._status === 'loading'
        ? html`<div part="loading" class="state" role="status">${text.loading}</div>`
        : nothing}
      ${this._status === 'empty'
        ? html`<div part="empty" class="state" role="status"><slot name="empty">${text.empty}</slot></div>`
        : nothing}
      ${this._status === 'error' && this._error ? this._renderError(this._error) : nothing}
      ${this._status === 'loaded' ? this._renderOffers(text) : nothing}
    </div>`;
  }

  private _renderError(error: WallErrorInfo): TemplateResult {
    const text = this._text;
    return html`
      <div part="error" class="state error" role="alert">
        <p>${text.errorTitle}</p>
        <p class="detail">${error.message}</p>
        <button part="retry" class="retry" type="button" @click=${this._retry}>${text.retry}</button>
      </div>
    `;
  }

  private _renderOffers(text: WallMessages): TemplateResult {
    const rewards = this._rewardSettings();
    return html`
      <ul part="list" class="list" role="list" aria-label=${text.listLabel} @click=${this._onListClick}>
        ${repeat(
          // Keyed by position in the feed, so a card (and the focus in it) stays with its offer
          // as the window moves.
          this._offers.slice(this._start, this._end),
          (_offer, i) => this._start + i,
          (offer, i) => this._renderCard(offer, this._start + i, rewards, text),
        )}
      </ul>
      ${this._moreError
        ? this._renderError(this._moreError)
        : this._hasMore()
          ? html`<button
              part="more"
              class="more"
              type="button"
              aria-disabled=${this._loadingMore ? 'true' : 'false'}
              @click=${this._loadMore}
            >
              ${this._loadingMore ? text.loadingMore : text.more}
            </button>`
          : nothing}
      <div class="visually-hidden" role="status">${this._loadingMore ? text.loadingMore : ''}</div>
    `;
  }

  private _renderCard(offer: WallOffer, index: number, rewards: RewardSettings, text: WallMessages): TemplateResult {
    const reward = formatReward(offer.reward, rewards);
    const icon =
      offer.icon && !this._brokenIcons.has(offer.icon)
        ? html`<img
            part="icon"
            class="icon"
            src=${offer.icon}
            alt=""
            width="56"
            height="56"
            loading="lazy"
            decoding="async"
            referrerpolicy="no-referrer"
            @error=${this._onIconError}
          />`
        : html`<span part="icon" class="icon placeholder" aria-hidden="true">${[...offer.name][0]?.toUpperCase() ?? ''}</span>`;
    return html`
      <li part="card" class="card" data-index=${index} aria-posinset=${index + 1} aria-setsize=${this._offers.length}>
        ${icon}
        <div class="body">
          <h3 part="title" class="title">${offer.name}</h3>
          <p part="payout" class="payout">${reward}</p>
          ${offer.description ? html`<p part="description" class="description">${offer.description}</p>` : nothing}
          ${offer.steps.length
            ? html`<ol part="steps" class="steps" aria-label=${text.stepsLabel}>
                ${offer.steps.map((step) => html`<li part="step">${this._stepText(step, rewards.locale)}</li>`)}
              </ol>`
            : nothing}
        </div>
        <button part="cta" class="cta" type="button" aria-label=${text.startLabel(offer.name, reward)}>
          ${text.start}
        </button>
      </li>
    `;
  }

  private _stepText(step: WallStep, locale: string): string {
    const text = step.items ? formatItems(step.items, locale) : step.text;
    return step.usd !== null ? `${text} · ${formatUsd(step.usd, locale)}` : text;
  }

  private _onIconError = (event: Event): void => {
    const src = (event.target as HTMLImageElement).getAttribute('src');
    if (src) this._brokenIcons = new Set(this._brokenIcons).add(src);
  };
}
