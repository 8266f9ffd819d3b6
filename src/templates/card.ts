/**
 * One offer's card, compact so that a phone shows several: icon (or a placeholder), the name (two
 * lines at most; the detail has all of it), a second line that says what to do, and the call to action, which
 * carries the reward ("+3,600 Coins") or, for a store offer, the price. The steps are the detail's.
 * Plain data in, a template out; the element decides which offers get a card and handles the
 * clicks (one listener on the list).
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { formatCount, formatPayout, type RewardSettings } from '../data/format.js';
import type { WallOffer } from '../data/types.js';
import type { WallMessages } from '../messages.js';

export interface CardContext {
  _rewards: RewardSettings;
  text: WallMessages;
  /** How many offers the list shows, for `aria-setsize`. */
  _setSize: number;
  /** The level (2 to 6) of each card's title, to fit the page's outline. */
  headingLevel: number;
  /** Icons that failed to load: their cards show the placeholder. */
  _brokenIcons: ReadonlySet<string>;
  _onIconError: (event: Event) => void;
  /** Whether the user has started an offer (tapped it, or it is pending in their rewards) and it is not credited yet. */
  _started: (offer: WallOffer) => boolean;
  /** The wall's store, which draws appcharge's cards (`controllers/store-view.ts`), once its chunk is here. */
  _store: { _card(item: HTMLElement, offer: WallOffer, context: CardContext): TemplateResult } | null;
}

export function offerIcon(offer: Pick<WallOffer, 'icon' | 'name'>, context: CardContext): TemplateResult {
  return offer.icon && !context._brokenIcons.has(offer.icon)
    ? html`<img
        part="icon"
        class="icon"
        src=${offer.icon}
        alt=""
        width="48"
        height="48"
        loading="lazy"
        decoding="async"
        referrerpolicy="no-referrer"
        @error=${context._onIconError}
      />`
    : html`<span part="icon" class="icon placeholder" aria-hidden="true">${[...offer.name][0]?.toUpperCase() ?? ''}</span>`;
}

/**
 * The marks of the platforms an offer is for (class, name, path), drawn here, 16 units square in
 * the text's colour: Android's head, an apple for iOS, a globe (in lines) for the web. Brands,
 * named alike in every language.
 */
const PLATFORMS: Record<string, string[]> = {
  android: ['os', 'Android', 'M2 13a6 6 0 0 1 12 0zM5.5 10a1 1 0 1 1 0 .1zm5 0a1 1 0 1 1 0 .1zM5 6 4 4.5m7 1.5 1-1.5'],
  ios: ['os', 'iOS', 'M8 4.5C4 2.5 1.5 8 5 13c1 1 2 .5 3 .5s2 .5 3-.5c.8-.8 1.3-1.7 1.5-2.5-2-1-2-4 0-5C11 4 9 4 8 4.5zM8 3.5c0-1.2.9-2.2 2.2-2.4 0 1.2-1 2.2-2.2 2.4z'],
  web: ['os line', 'Web', 'M2 8a6 6 0 1 0 12 0A6 6 0 1 0 2 8zm0 0h12M8 2c-2.5 3-2.5 9 0 12m0-12c2.5 3 2.5 9 0 12'],
};

/** The mark of the platform the feed says an offer is for (`os`), named for assistive technology; none for another. */
const platformMark = (os: string | null) => {
  const mark = Object.hasOwn(PLATFORMS, os!) && PLATFORMS[os!];
  return mark
    ? html`<svg class=${mark[0]} viewBox="0 0 16 16" role="img" aria-label=${mark[1]}><path d=${mark[2]} /></svg>`
    : nothing;
};

/**
 * "Started" at the start of a card's second line, once the user has started the offer (an s2s
 * card's, and a store card's): in an isolate of its own, with the one space after it outside, so
 * that it falls between the mark and the words in either direction.
 */
export const startedMark = (started: boolean, text: WallMessages) => (started ? html`<bdi class="started">${text.started}</bdi>&#32;` : nothing);

/**
 * A card's second line, what to do: the platform's mark, "Started" once the user has started the offer, then its first
 * step (and how many there are, when more than one: `Download and open the app · 3 steps`; the
 * step first, so that a narrow card still shows it, and sets the line's direction), else its
 * description.
 */
export function renderSecondLine(offer: WallOffer, context: CardContext): TemplateResult {
  const { text } = context;
  const { steps } = offer;
  const count = steps.length;
  // One line of text, spaces as written: no white space of the template's own in it but the one
  // after "Started", outside its isolate, so that it falls between the two in either direction.
  // The line takes its direction from the step (dir=auto passes over the <bdi>), as the name does.
  return html`<p part="description" class="description" dir="auto">${platformMark(offer.os)}${startedMark(context._started(offer), text)}${steps[0]?.text ||
    offer.description}${count > 1 ? ` · ${text.steps(count, formatCount(count, context._rewards.locale))}` : nothing}</p>`;
}

/**
 * What an s2s offer's call to action says: what the user gets, as a gain (`+3,600 Coins`; the sign
 * drawn by the styles). On a card, the `payout` part holds exactly the formatted reward; the
 * detail's has no part, so the parts stay one per card. (An appcharge offer's is the store's.)
 */
export const ctaContent = (reward: string, icon: string | null | undefined, part?: 'payout'): TemplateResult =>
  html`${icon ? html`<img class="coin" src=${icon} alt="" referrerpolicy="no-referrer" />` : nothing}<span part=${part ?? nothing} class="payout gain">${reward}</span>`;

/**
 * The card's title: a heading at the page's level, holding the button that opens the offer's
 * detail (Lit cannot bind a tag name, hence one template per level).
 */
export function renderTitle(name: string, level: number): TemplateResult {
  // The name is clamped to two lines inside the button, whose focus ring stays whole.
  const open = html`<button type="button" class="open" aria-haspopup="dialog"><span class="name" dir="auto">${name}</span></button>`;
  switch (level) {
    case 2:
      return html`<h2 part="title" class="title">${open}</h2>`;
    case 4:
      return html`<h4 part="title" class="title">${open}</h4>`;
    case 5:
      return html`<h5 part="title" class="title">${open}</h5>`;
    case 6:
      return html`<h6 part="title" class="title">${open}</h6>`;
    default:
      return html`<h3 part="title" class="title">${open}</h3>`;
  }
}

/**
 * An offer with what most cards draw (steps, a platform, a payout; no icon, whose image would be
 * fetched), drawn once while the first request is in flight so that the first cards find their
 * templates made.
 */
export const WARM_UP = { name: '', steps: [{}, {}], reward: { kind: 'payout', usd: 0 }, os: 'ios' } as unknown as WallOffer;

/**
 * Draws an offer's card into its list item (see `internal/keyed-list.ts`, which keeps one item per
 * offer).
 * @param key the offer's stable key (its position in the feed), read back from `data-index`
 * @param position its position in the list as shown, from 0
 */
export function drawCard(item: HTMLElement, offer: WallOffer, key: number, position: number, context: CardContext): void {
  const { text } = context;
  item.setAttribute('part', 'card');
  item.className = 'card';
  item.setAttribute('data-index', String(key));
  item.setAttribute('aria-posinset', String(position + 1));
  item.setAttribute('aria-setsize', String(context._setSize));
  // An appcharge offer is the store's to draw (its chunk is here: it read the offer).
  const reward = offer.reward.kind === 'payout' ? formatPayout(offer.reward.usd, context._rewards) : '';
  render(
    offer.store
      ? context._store!._card(item, offer, context)
      : html`${offerIcon(offer, context)}
          <div class="body lines">
            ${renderTitle(offer.name, context.headingLevel)}
            ${renderSecondLine(offer, context)}
          </div>
          <button part="cta" class="cta" type="button" aria-label=${text.startLabel(offer.name, reward) + (context._started(offer) ? ` (${text.started})` : '')}>${ctaContent(reward, context._rewards.icon, 'payout')}</button>`,
    item,
  );
}
