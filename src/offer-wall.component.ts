/**
 * `<offer-wall>`: the element class, without registration (see `offer-wall.ts` for that). It keeps
 * what a publisher sees (properties, events, `reload()`), resolves the settings, and wires the
 * parts together:
 * - `controllers/feed-controller.ts`: requests, paging, retries, aborts, pages shown as they arrive;
 * - `controllers/window-controller.ts`: which cards are in the DOM;
 * - `controllers/visibility-controllers.ts`: impressions and loading near the end;
 * - `controllers/detail-controller.ts`: the offer detail's dialog, opening, closing, focus;
 * - `controllers/rewards-controller.ts`: the user's rewards, whose view is a chunk loaded when on;
 * - `controllers/texts-controller.ts`: the wall's language, loaded when it is not English;
 * - `templates/views.ts`: what is drawn (tabs, toolbar, states, list, rewards, detail), `templates/` the rest.
 *
 * Its texts are English until the locale asks for another of its languages, whose texts are then
 * loaded (a chunk of the script-tag file): until they are here, the wall shows its loading state
 * without words, never English that then changes.
 */
import { LitElement, adoptStyles, html, type CSSResult, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { DetailController } from './controllers/detail-controller.js';
import { FeedController } from './controllers/feed-controller.js';
import { RewardsController } from './controllers/rewards-controller.js';
import { storeLoader } from './controllers/store-controller.js';
import { textsLoader } from './controllers/texts-controller.js';
import { ImpressionController, NearEndController } from './controllers/visibility-controllers.js';
import { WindowController } from './controllers/window-controller.js';
import { userAmount, type RewardSettings } from './data/format.js';
import { clickRecord } from './data/rewards.js';
import type { FeedFormat, WallErrorInfo, WallOffer } from './data/types.js';
import { ShownOffers, type ViewQuery } from './data/view.js';
import { directionOf, languageOf, messagesFor } from './i18n/index.js';
import { clickUrl, newClickId } from './data/urls.js';
import { fire } from './events.js';
import { ATTRIBUTES, REQUEST_PROPERTIES, type SettingsProperties } from './internal/attributes.js';
import { isSetting, readSettings, warnOnce } from './internal/read-settings.js';
import type { Settings } from './internal/settings.js';
import type { WallMessages } from './messages.js';
import { hostStyles, wallStyles } from './offer-wall.styles.js';
import { drawCard, WARM_UP, type CardContext } from './templates/card.js';
import { stateStyles } from './templates/states.styles.js';
import { toolbarStyles } from './templates/toolbar.styles.js';
import { renderSkeleton } from './templates/states.js';
import type { WallTab } from './templates/tabs.js';
import { renderViews, type WallViews } from './templates/views.js';

/** The s2s payout is the publisher's revenue: shown as it is only until `currency-rate` says the users' share. */
const REVENUE = 'currency-rate is not set: users see s2s payouts, your revenue, as rewards.';

/** Where the offers started in this page session are kept (see `OfferWall._started`). */
const STARTED = 'offer-wall-started';

/** Opens an offer's or the support page's link as the wall always does: a new tab, no opener. */
const openTab = (url: string) => window.open(url, '_blank', 'noopener,noreferrer');

/**
 * An offerwall: fetches offers from the publisher's endpoint and shows them as cards.
 *
 * Its attributes are declared in `internal/attributes.ts` and described in
 * `internal/attributes.docs.ts`, its parts and CSS custom properties in `internal/surface.docs.ts`;
 * the manifest's entries for them are made from those.
 *
 * @tag offer-wall
 *
 * @fires {OfferClickEvent} offer-click - The user activated an offer's call to action. Cancelable; by default the wall opens `detail.url` in a new tab.
 * @fires {OfferImpressionEvent} offer-impression - An offer's card was at least half visible for the first time since the wall (re)loaded.
 * @fires {OfferWallLoadEvent} offer-wall-load - A page of offers was received and shown.
 * @fires {OfferWallErrorEvent} offer-wall-error - Loading failed after retries, the configuration is unusable, or a file of the wall (a language, the rewards view) could not be loaded (kind `network`, naming it); kind `rewards`: the user's rewards could not be loaded or a tap recorded.
 * @fires {OfferSupportEvent} offer-support - The user chose "Report a problem" on a reward pending for more than a day. Cancelable; by default the wall opens `support-url` for it in a new tab.
 *
 * @slot header - Content shown above the offers.
 * @slot empty - Replaces the built-in text of the empty state.
 */
export class OfferWall extends LitElement implements WallViews {
  static override styles = [hostStyles, wallStyles, stateStyles, toolbarStyles];

  // The attributes are declared once, in internal/attributes.ts (without decorators: the same
  // meaning, fewer bytes in the bundle); their types join the class through the interface below.
  static override properties: PropertyDeclarations = { ...(ATTRIBUTES as PropertyDeclarations), messages: { attribute: false }, progress: { attribute: false } };

  /** Overrides for any built-in text; unset keys keep their default. */
  declare messages?: Partial<WallMessages>;
  /**
   * The steps each appcharge RollingOffer's player has done, by `publisherOfferId`
   * (`{ "rolling-offer-1": 2 }`), as the publisher's server knows them: the offer shows the next
   * step. None done by default.
   */
  declare progress?: Record<string, number> | null;

  /** Icons that failed to load: their cards show the placeholder. */
  private _brokenIcons = new Set<string>();
  /** What filter, search and sort leave of the offers, in the order shown. */
  _shown = new ShownOffers();
  /** What cards, the detail and the toolbar are drawn with, for the current update. */
  _context!: CardContext;
  /** The resolved settings of the current load. */
  _settings!: Settings;
  private _warned = new Set<string>();
  /**
   * How many offers were shown when the end of the list last loaded a page by itself: it does so
   * again only once the list has grown since (a filter that leaves out the pages it brings
   * leaves the next to the user's `more`, rather than paging the whole feed).
   */
  private _pagedAt = 0;
  /** When the user started each offer, by `templateId` (ms), this page session's. */
  private _clicks: Record<string, number> = {};
  /** The view shown, when rewards are on: the offers, or the user's rewards. */
  _tab: WallTab = 'offers';
  /** Styles the chunks brought (the rewards view's, the store's). */
  private _chunkStyles: CSSResult[] = [];
  /** Appcharge's store on this wall (`_view`, once its chunk is here). */
  _store = storeLoader(this, () => this._feed.offers, (styles) => this._adopt(styles));

  // The panel speaks to the user; the publisher finds the technical reason here and in the event.
  private _fail = (error: WallErrorInfo): void => {
    console.warn(`<offer-wall>: ${error.message}`);
    fire(this, 'offer-wall-error', { error });
  };

  _feed = new FeedController(this, () => (this._settings ??= readSettings(this, this._warned)), {
    reset: () => {
      this._impressions.reset();
      this._window.reset();
      this._brokenIcons = new Set();
      this._details.close(false);
      this._pagedAt = 0;
    },
    // Number formats and a card's templates are slow to make the first time: made while the
    // request is in flight, by drawing a card that is never shown.
    _waiting: () => drawCard(document.createElement('li'), WARM_UP, 0, 0, this._cardContext()),
    // An appcharge feed's offers are read by its store, asked for as soon as the feed is known.
    _prepare: (format: FeedFormat) => this._store._prepare(format),
    // Told once they show: held back while the texts to show them in are on their way.
    _loaded: (detail) => {
      if (this._settings.currencyRate === null && detail.offers[0]?.source === 's2s') warnOnce(this._warned, REVENUE);
      this._texts._whenShown(() => fire(this, 'offer-wall-load', detail));
    },
    _failed: (error) => this._texts._whenShown(() => this._fail(error)),
  });

  private _texts = textsLoader(this, () => languageOf(this._settings.locale), (error) => this._fail(error));

  _rewards = new RewardsController(
    this,
    () => this._settings,
    (error) => this._fail(error),
    (view) => this._adopt(view._styles),
  );

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
    (key) => fire(this, 'offer-impression', { offer: this._feed.offers[key]! }),
  );

  _details = new DetailController(this, (styles) => this._adopt(styles), (error) => this._fail(error));

  constructor() {
    super();
    // Storage may be off, or hold anything (a number is wrapped, and takes the clicks as well).
    try {
      this._clicks = Object(JSON.parse(sessionStorage[STARTED]));
    } catch {
      // Nothing started in this page session yet, or storage is off.
    }
    new NearEndController(this, () => {
      const shown = this._shown.order.length;
      if (shown > this._pagedAt && this._feed._loadMore()) this._pagedAt = shown;
    });
  }

  /** Complete once an opened detail shows, when its chunk was on its way. */
  protected override async getUpdateComplete(): Promise<boolean> {
    if (this._details.key !== null) await this._details._loading;
    return super.getUpdateComplete();
  }

  /** A chunk's styles join the wall's. */
  private _adopt(styles: CSSResult): void {
    this._chunkStyles.push(styles);
    adoptStyles(this.renderRoot as ShadowRoot, [...OfferWall.elementStyles, ...this._chunkStyles]);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Observers are dropped on removal; the next render re-attaches them.
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this._settings || [...changed.keys()].some(isSetting)) this._settings = readSettings(this, this._warned);
    // A language not loaded yet: asked for now, in parallel with the offers (asked in hostUpdate).
    this._texts._ask();
    // Another user or endpoint: their rewards, loaded now so the tab can count what is pending.
    if (!this.hasUpdated || changed.has('rewardsEndpoint') || changed.has('userToken')) {
      this._rewards._reset();
      this._rewards._refresh();
      if (!this._rewards._on) this._tab = 'offers';
    }
    // The first update loads (even with no attribute set: that is a configuration error to show).
    if (!this.hasUpdated || REQUEST_PROPERTIES.some((name) => changed.has(name))) this._feed.reload();
  }

  /** After the controllers' `hostUpdate` (where a load starts): what this render shows. */
  protected override update(changed: PropertyValues<this>): void {
    // Another order or selection starts from the top of the list.
    if (this._shown.update(this._feed.offers, this._settings.view, this._store._view)) {
      this._window._rewind();
      this._pagedAt = 0;
    }
    this._context = this._cardContext();
    super.update(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // What the feed told is shown now, in the wall's language.
    this._texts._release();
  }

  /** The user changed the toolbar: the attributes follow, and the view with them. */
  _changeView = (patch: Partial<ViewQuery>): void => {
    Object.assign(this, patch);
  };

  /** Loads the offers again from the first page, dropping those shown; and the user's rewards, when on. */
  reload(): void {
    // In the next update, so settings changed just before are the ones used, and used once.
    this._feed.reload();
    this._rewards._refresh();
  }

  private get _text(): WallMessages {
    return { ...messagesFor(this._settings.locale), ...this.messages };
  }

  private _rewardSettings(text = this._text): RewardSettings {
    const { locale, currencyName, currencyRate, currencyIcon: icon } = this._settings;
    return { locale, currencyName, currencyRate, icon, discount: text.discount };
  }

  /** The call to action starts the offer; anywhere else on a card opens its detail. */
  _onListClick = (event: MouseEvent): void => {
    const target = event.target as Element | null;
    const card = target?.closest?.('[data-index]');
    if (!card) return;
    const key = Number(card.getAttribute('data-index'));
    const offer = this._feed.offers[key];
    if (!offer) return;
    if (target!.closest('[part~="cta"]')) this._activate(offer);
    else this._details.open(key);
  };

  _activate = (offer: WallOffer): void => {
    const { query, clickUrlTemplate } = this._settings;
    const clickId = newClickId();
    const url = clickUrl(offer.trackingUrl, clickUrlTemplate, { user_id: query.userId, click_id: clickId, offer_id: offer.templateId }, document.baseURI);
    // The productsSequence step bought: a rolling offer's current one.
    const step = offer.store ? this._store._view!._step(offer) : null;
    if (!fire(this, 'offer-click', { offer, url, step }, true)) return;
    // Started, kept for the page session (the rewards endpoint, when on, knows it beyond that).
    try {
      this._clicks[offer.templateId] = Date.now();
      sessionStorage[STARTED] = JSON.stringify(this._clicks);
    } catch {
      // Storage off or full: started until the page is left.
    }
    this.requestUpdate();
    if (!url) return;
    openTab(url);
    // The tap becomes a pending reward, under the click id the link carries.
    if (this._rewards._on) {
      const { reward } = offer;
      this._rewards._record(clickRecord(offer, clickId, reward.kind === 'payout' ? userAmount(reward.usd, this._context._rewards) : null));
    }
  };

  /**
   * Whether the user has started an offer and it is not credited yet: their latest reward entry
   * for it is pending, or they tapped it after that entry's last change (or, without one, in this
   * page session).
   */
  _started = (offer: WallOffer): boolean => {
    const id = offer.templateId;
    const at = this._clicks[id];
    const entry = this._rewards._list?._entries.find((entry) => entry.offerId === id);
    return entry ? entry.status === 'pending' || at! > entry.updatedAt : !!at;
  };

  /**
   * Tells the wall that `eventName` happened in the game (`"purchase"`): the first appcharge PopUp
   * it triggers opens as a dialog (see `StoreView._trigger` for which), and `offer-impression`
   * says it was shown. Returns whether one opened; never while another dialog is open.
   */
  trigger(eventName: string): boolean {
    const key = this._store._view?._trigger(String(eventName)) ?? -1;
    if (key < 0 || this._details.key !== null) return false;
    this._details.open(key);
    fire(this, 'offer-impression', { offer: this._feed.offers[key]! });
    return true;
  }

  /** Switches between the offers and the rewards (which load again when opened). */
  _select = (tab: WallTab, focus?: boolean): void => {
    this._tab = tab;
    if (tab === 'rewards') this._rewards._refresh();
    this.requestUpdate();
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  };

  private _onIconError = (event: Event): void => {
    const src = (event.target as HTMLImageElement).getAttribute('src');
    if (src && !this._brokenIcons.has(src)) {
      this._brokenIcons.add(src);
      this.requestUpdate();
    }
  };

  protected override render(): TemplateResult {
    const settings = this._settings;
    return html`<div class="wall theme-${settings.theme} layout-${settings.layout}" part="base"
      dir=${directionOf(settings.locale)} lang=${settings.locale}>
      <slot name="header"></slot>
      ${this._texts._waiting() ? renderSkeleton() : renderViews(this)}
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
      _started: this._started,
      _store: this._store._view,
    };
  }
}

/** The settings properties' types, from the one declaration of the attributes. */
export interface OfferWall extends SettingsProperties {}
