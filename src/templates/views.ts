/**
 * What the wall draws once its words are here: the tabs (when rewards are on), the offers' panel
 * (toolbar, loading, empty, error, the list and "more"), the user's rewards and the open detail.
 * The wall hands itself over as `WallViews`: the state it keeps and the handlers it owns.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DetailController } from '../controllers/detail-controller.js';
import type { FeedController } from '../controllers/feed-controller.js';
import type { RewardsController } from '../controllers/rewards-controller.js';
import type { StoreView } from '../controllers/store-view.js';
import { formatCount } from '../data/format.js';
import type { WallOffer } from '../data/types.js';
import type { ShownOffers, ViewQuery } from '../data/view.js';
import type { Settings } from '../internal/settings.js';
import type { CardContext } from './card.js';
import { renderEmpty, renderError, renderMore, renderNoMatches, renderSkeleton } from './states.js';
import { renderTabs, type WallTab } from './tabs.js';
import { renderToolbar } from './toolbar.js';

export interface WallViews {
  readonly _context: CardContext;
  readonly _settings: Settings;
  readonly _feed: FeedController;
  readonly _shown: ShownOffers;
  readonly _details: DetailController;
  readonly _rewards: RewardsController;
  readonly _store: { readonly _view: StoreView | null };
  readonly _tab: WallTab;
  readonly _select: (tab: WallTab, focus?: boolean) => void;
  readonly _activate: (offer: WallOffer) => void;
  readonly _changeView: (patch: Partial<ViewQuery>) => void;
  readonly _onListClick: (event: MouseEvent) => void;
}

export function renderViews(wall: WallViews): TemplateResult {
  const context = wall._context;
  const feed = wall._feed;
  const { status, error } = feed;
  const { key, _looks: looks } = wall._details;
  // The detail shows once its chunk is here.
  const detail = key === null || !looks ? undefined : feed.offers[key];
  // Without the rewards chunk, no view to switch to.
  const rewards = wall._rewards._on && !wall._rewards._missing;
  const list = wall._rewards._list;
  const onRewards = rewards && wall._tab === 'rewards';
  // Still loading, to the user: the first page, or one whose first offers the filters leave out.
  const busy = status === 'loading' || (status === 'loaded' && !wall._shown.order.length && feed._loadingMore && !feed._page);
  return html`
    ${rewards ? renderTabs(wall._tab, wall._rewards._pending, context.text, wall._select) : nothing}
    <div id="panel-offers" role=${rewards ? 'tabpanel' : nothing} aria-labelledby=${rewards ? 'tab-offers' : nothing} ?hidden=${onRewards}>
      ${wall._settings.toolbar && status !== 'empty' ? renderWallToolbar(wall, busy) : nothing}
      ${busy ? renderSkeleton(context.text.loading) : nothing}
      ${status === 'empty' ? renderEmpty(context.text) : nothing}
      ${status === 'error' && error ? renderError(error, context.text, feed.retry) : nothing}
      ${status === 'loaded' && !busy ? renderOffers(wall) : nothing}
    </div>
    ${onRewards ? (list ? list._render(context) : renderSkeleton()) : nothing}
    ${detail
      ? (detail.store ? wall._store._view!._dialog : looks!._render)(detail, { ...context, close: wall._details.close, start: wall._activate })
      : nothing}
  `;
}

/**
 * The toolbar: above the offers, and above the loading state and the error panel too (a first
 * load, a reload after a change of the request, a retry), with the types the wall last had, so
 * that the list does not jump down when the offers come.
 */
function renderWallToolbar(wall: WallViews, busy: boolean): TemplateResult {
  const { view, locale } = wall._settings;
  const { text } = wall._context;
  const count = wall._shown.order.length;
  return renderToolbar({
    text,
    view,
    types: wall._shown.types,
    _byPrice: wall._feed.offers[0]?.source === 'appcharge',
    // No count to announce until there are offers to count.
    results: busy || wall._feed.status !== 'loaded' ? '' : text.results(count, formatCount(count, locale)),
    change: wall._changeView,
  });
}

function renderOffers(wall: WallViews): TemplateResult {
  const feed = wall._feed;
  const { text } = wall._context;
  const { filter, search } = wall._settings.view;
  return html`
    ${wall._shown.order.length || !feed.offers.length
      ? html`<ul
          part="list"
          class="list"
          role="list"
          aria-label=${text.listLabel}
          @click=${wall._onListClick}
          @pointerover=${wall._details._load}
          @focusin=${wall._details._load}
        ></ul>`
      : // Nothing for this player (a PopUp, another segment) is no filter to clear.
        filter || search
        ? renderNoMatches(text, () => wall._changeView({ filter: '', search: '' }))
        : renderEmpty(text)}
    ${renderMore(feed, text, feed._loadMore, feed.retry)}
  `;
}
