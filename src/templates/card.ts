/**
 * One offer's card: icon (or a placeholder), title, reward, description, the steps as an ordered
 * list, and the call to action. Plain data in, a template out; the element decides which offers
 * get a card and handles the clicks (one listener on the list).
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { formatItems, formatReward, formatUsd, type RewardSettings } from '../data/format.js';
import type { WallOffer, WallStep } from '../data/types.js';
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

/** A step as text: its items written out for the locale, and its own price when it has one. */
export function stepText(step: WallStep, locale: string): string {
  const text = step.items ? formatItems(step.items, locale) : step.text;
  return step.usd !== null ? `${text} · ${formatUsd(step.usd, locale)}` : text;
}

export function offerIcon(offer: WallOffer, context: CardContext): TemplateResult {
  return offer.icon && !context._brokenIcons.has(offer.icon)
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
        @error=${context._onIconError}
      />`
    : html`<span part="icon" class="icon placeholder" aria-hidden="true">${[...offer.name][0]?.toUpperCase() ?? ''}</span>`;
}

/**
 * The card's title: a heading at the page's level, holding the button that opens the offer's
 * detail (Lit cannot bind a tag name, hence one template per level).
 */
function renderTitle(name: string, level: number): TemplateResult {
  const open = html`<button type="button" class="open" aria-haspopup="dialog">${name}</button>`;
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
  const { _rewards, text } = context;
  const reward = formatReward(offer.reward, _rewards);
  item.setAttribute('part', 'card');
  item.className = 'card';
  item.setAttribute('data-index', String(key));
  item.setAttribute('aria-posinset', String(position + 1));
  item.setAttribute('aria-setsize', String(context._setSize));
  render(
    html`${offerIcon(offer, context)}
      <div class="body">
        ${renderTitle(offer.name, context.headingLevel)}
        <p part="payout" class="payout">${reward}</p>
        ${offer.description ? html`<p part="description" class="description">${offer.description}</p>` : nothing}
        ${offer.steps.length
          ? html`<ol part="steps" class="steps" aria-label=${text.stepsLabel}>
              ${offer.steps.map((step) => html`<li part="step">${stepText(step, _rewards.locale)}</li>`)}
            </ol>`
          : nothing}
      </div>
      <button part="cta" class="cta" type="button" aria-label=${text.startLabel(offer.name, reward)}>${text.start}</button>`,
    item,
  );
}
