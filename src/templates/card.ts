/**
 * One offer's card, compact so that a phone shows several: icon (or a placeholder), the name (two
 * lines at most; the detail has all of it), a line of description, and the call to action, which
 * carries the reward ("+3,600 Coins") or, for a store offer, the price. The steps are the detail's.
 * Plain data in, a template out; the element decides which offers get a card and handles the
 * clicks (one listener on the list).
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { formatReward, type RewardSettings } from '../data/format.js';
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
 * What the call to action says: what the user gets, as a gain (`+3,600 Coins`, `+50 × Energy`;
 * the sign drawn by the styles), or an appcharge price with its discount beside it, smaller (on
 * the next line when the button is narrow). On a card, the `payout` part holds exactly the
 * formatted reward (`3,600 Coins`, `$4.99 · 20% off`); the detail's has no part, so the parts
 * stay one per card.
 */
export function ctaContent(offer: WallOffer, reward: string, part?: 'payout'): TemplateResult {
  const { kind } = offer.reward;
  const at = kind === 'price' ? reward.indexOf(' · ') : -1;
  return html`<span part=${part ?? nothing} class=${kind === 'price' ? 'payout' : 'payout gain'}
    >${at < 0 ? reward : reward.slice(0, at)}${at < 0
      ? nothing
      : html`<small class="off">${reward.slice(at)}</small>`}</span
  >`;
}

/** The call to action's accessible name: the offer and what it earns, or what it costs. */
export const ctaLabel = (offer: WallOffer, reward: string, text: WallMessages): string =>
  (offer.reward.kind === 'price' ? text.buyLabel : text.startLabel)(offer.name, reward);

/**
 * The card's title: a heading at the page's level, holding the button that opens the offer's
 * detail (Lit cannot bind a tag name, hence one template per level).
 */
function renderTitle(name: string, level: number): TemplateResult {
  // The name is clamped to two lines inside the button, whose focus ring stays whole.
  const open = html`<button type="button" class="open" aria-haspopup="dialog"><span class="name">${name}</span></button>`;
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
 * Draws an offer's card into its list item (see `internal/keyed-list.ts`, which keeps one item per
 * offer).
 * @param key the offer's stable key (its position in the feed), read back from `data-index`
 * @param position its position in the list as shown, from 0
 */
export function drawCard(item: HTMLElement, offer: WallOffer, key: number, position: number, context: CardContext): void {
  const { text } = context;
  const reward = formatReward(offer.reward, context._rewards);
  item.setAttribute('part', 'card');
  item.className = 'card';
  item.setAttribute('data-index', String(key));
  item.setAttribute('aria-posinset', String(position + 1));
  item.setAttribute('aria-setsize', String(context._setSize));
  render(
    html`${offerIcon(offer, context)}
      <div class="body">
        ${renderTitle(offer.name, context.headingLevel)}
        ${offer.description ? html`<p part="description" class="description">${offer.description}</p>` : nothing}
      </div>
      <button part="cta" class="cta" type="button" aria-label=${ctaLabel(offer, reward, text)}>${ctaContent(offer, reward, 'payout')}</button>`,
    item,
  );
}
