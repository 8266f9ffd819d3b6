/**
 * Appcharge's store offers as a game store shows them, part of the store chunk: the card (its
 * products' price on the call to action, the price before a discount struck through, "Free" and
 * "Claim" for what costs nothing, a sale ribbon, a countdown under a day, the background image
 * under a scrim), a RollingOffer's ladder (the current step large with its products, the next
 * ones as locked tiles with their prices), and the dialog of an offer: its detail, or, for a
 * PopUp that an event opened, a focused pop-up around one call to action.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCount, formatUsd } from '../data/format.js';
import { formatPercent } from '../data/store-format.js';
import type { WallItem, WallOffer } from '../data/types.js';
import { offerIcon, renderTitle, startedMark, type CardContext } from './card.js';
import type { DetailContext } from './detail.js';

/**
 * What the store's templates ask the wall's store (`controllers/store-view.ts`, in the appcharge
 * chunk, which also reads the offers): the step a rolling offer is at, what kind an offer is, an
 * item's colour, and how products are written.
 */
export interface StoreFacts {
  _step(offer: WallOffer): number;
  _popup(offer: WallOffer): boolean;
  _rolling(offer: WallOffer): boolean;
  /** The feed's colour for an item's text as a style, where it keeps its contrast; else empty. */
  _color(item: WallItem, art: boolean): string;
  _gives(items: readonly WallItem[], locale: string): string;
  _quantity(item: WallItem, locale: string): string;
}

const DAY = 864e5;

/** An image that cannot be loaded goes: the product's words stay. */
const hide = (event: Event) => ((event.target as HTMLElement).hidden = true);

const image = (url: string | null, size: number) =>
  url
    ? html`<img src=${url} alt="" width=${size} height=${size} loading="lazy" decoding="async" referrerpolicy="no-referrer" @error=${hide} />`
    : nothing;

/** What a step gives: each product's image, quantity (`$10M`) and name; `Main` ones stand out, `Sub` ones are smaller. */
function items(list: readonly WallItem[], store: StoreFacts, context: CardContext, art: boolean): TemplateResult {
  const { locale } = context._rewards;
  return html`<ul class="items">
    ${list.map(
      (item) =>
        html`<li class="item ${item.rank}" .style=${store._color(item, art)}>
          ${image(item.image, 32)}<span><b>${store._quantity(item, locale)}</b> ${item.name}</span>
        </li>`,
    )}
  </ul>`;
}

/** "Ends in 2 h 14 min" while an offer's time frame has less than a day left. */
function countdown(offer: WallOffer, context: CardContext): TemplateResult | typeof nothing {
  const left = offer.store!.endsAt! - Date.now();
  if (!(left > 0 && left <= DAY)) return nothing;
  const minutes = Math.ceil(left / 6e4);
  const { text, _rewards } = context;
  const count = (n: number) => formatCount(n, _rewards.locale);
  const hours = Math.floor(minutes / 60);
  return html`<p class="ends">${hours ? text.endsIn(count(hours), count(minutes % 60)) : text.endsSoon(count(minutes))}</p>`;
}

/**
 * The ribbon: "Free" for an offer (not a rolling one, whose tile says it) that costs nothing, and
 * the sale: "+100% more".
 */
function ribbon(offer: WallOffer, store: StoreFacts, context: CardContext): TemplateResult | typeof nothing {
  const { text, _rewards } = context;
  const { sale } = offer.store!;
  const said = [
    offer.steps[0]?.usd === 0 && !store._rolling(offer) ? text.free : '',
    sale ? text.saleMore(formatPercent(sale, _rewards.locale)) : '',
  ].filter(Boolean);
  return said.length ? html`<span class="ribbon">${said.join(' · ')}</span>` : nothing;
}

/**
 * The call to action of the step a user is at: its price (the price before the discount struck
 * through before it, the discount beside it), "Claim" under "Free" when it costs nothing, or, for
 * an offer without a price, what it gives. On a card the `payout` part holds the formatted price.
 */
function cta(offer: WallOffer, step: number, store: StoreFacts, context: CardContext, part?: 'payout'): [label: string, content: TemplateResult, was?: string] {
  const { text } = context;
  const { locale } = context._rewards;
  const usd = offer.steps[step]?.usd ?? null;
  const discount = offer.reward.kind === 'price' ? offer.reward.discountPercent : null;
  // "Free" is said where the price would be (a rolling step's tile, the card's ribbon), the
  // button says what to do: every word on it is in its name.
  if (usd === 0) return [text.claimLabel(offer.name, text.free), html`${text.claim}`];
  if (usd === null) {
    // Not for sale: a card says what it gives, a dialog's button collects it.
    const gives = store._gives(offer.reward.kind === 'items' ? offer.reward.items : [], locale);
    return part && gives
      ? [text.startLabel(offer.name, gives), html`<span part=${part} class="payout gain">${gives}</span>`]
      : [text.claimLabel(offer.name, gives), html`${text.claim}`];
  }
  // `$4.99 · 20% off`, the discount smaller.
  const price = formatUsd(usd, locale);
  const off = discount ? ` · ${text.discount(formatPercent(discount, locale))}` : '';
  return [
    text.buyLabel(offer.name, price + off),
    html`<span part=${part ?? nothing} class="payout">${price}${off && html`<small class="off">${off}</small>`}</span>`,
    // Drawn by the styles, struck through: the price it had, which the button's name leaves out
    // (the discount says it), so the words a user sees on it are all in its name.
    discount ? formatUsd(usd / (1 - discount / 100), locale) : undefined,
  ];
}

const LOCK = html`<svg class="lock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" /></svg>`;

/**
 * A RollingOffer's ladder: the current step large with its products ("Free" celebrated), then
 * the next steps locked, each with its first product's image and its price. A card shows the
 * next three; the detail every one (as the `steps` list).
 */
function ladder(offer: WallOffer, step: number, store: StoreFacts, context: CardContext, all?: boolean): TemplateResult {
  const { text, _rewards } = context;
  const current = offer.steps[step]!;
  const rungPart = all ? 'step' : nothing;
  return html`<ol class="ladder" part=${all ? 'steps' : nothing}>
    <li class="rung now" part=${rungPart}>
      ${items(current.items!, store, context, !!offer.store!.background)}${current.usd === 0 ? html`<b class="tag">${text.free}</b>` : nothing}
    </li>
    ${offer.steps.slice(step + 1, all ? undefined : step + 4).map(
      ({ usd, items }) =>
        html`<li class="rung locked" part=${rungPart}>
          ${LOCK}<span class="visually-hidden">${text.locked}</span>${image(items![0]?.image ?? null, 32)}
          <b>${usd === 0 ? text.free : usd === null ? '' : formatUsd(usd, _rewards.locale)}</b>
        </li>`,
    )}
  </ol>`;
}

/** An appcharge offer's card (see `drawCard`, which draws the list item around it). */
export function storeCard(store: StoreFacts, item: HTMLElement, offer: WallOffer, context: CardContext): TemplateResult {
  const { background } = offer.store!;
  const step = store._step(offer);
  const [label, content, was] = cta(offer, step, store, context, 'payout');
  const tag = ribbon(offer, store, context);
  // Bought (a tap not cancelled, or pending in the user's rewards) and not credited yet.
  const started = context._started(offer);
  // The background image under the card's scrim (set through the CSSOM, which a strict CSP allows).
  item.style.setProperty('--art', background && `url("${background}")`);
  item.classList.toggle('art', !!background);
  item.classList.toggle('sale', tag !== nothing);
  return html`${offerIcon(offer, context)}
    <div class="body lines">
      ${renderTitle(offer.name, context.headingLevel)}
      ${started || offer.description
        ? html`<p part="description" class="description" dir="auto">${startedMark(started, context.text)}${offer.description}</p>`
        : nothing}
      ${countdown(offer, context)}
    </div>
    <button part="cta" class="cta" type="button" aria-label=${started ? `${label} (${context.text.started})` : label} data-was=${was ?? nothing}>${content}</button>
    ${tag} ${store._rolling(offer) ? ladder(offer, step, store, context) : nothing}`;
}

/**
 * An appcharge offer's dialog: its detail (what it gives, or its whole ladder), or the pop-up a
 * `trigger()` opened, centred around its art and one call to action, which closes it once used.
 */
export function storeDialog(store: StoreFacts, offer: WallOffer, context: DetailContext): TemplateResult {
  const { text } = context;
  const popup = store._popup(offer);
  const { background } = offer.store!;
  const step = store._step(offer);
  const [label, content, was] = cta(offer, step, store, context);
  const onClick = (event: MouseEvent) => {
    if (event.target === event.currentTarget) context.close();
  };
  const start = () => {
    context.start(offer);
    if (popup) context.close();
  };
  return html`
    <dialog part="detail" class="dialog ${popup ? 'popup' : ''}" aria-labelledby="detail-title" @click=${onClick} @close=${context.close}>
      ${popup && background ? html`<div class="banner" .style=${`--art:url("${background}")`}></div>` : nothing}
      <div class="sheet">
        <div class="dialog-head">
          ${offerIcon(offer, context)}
          <div><h2 id="detail-title" class="dialog-title">${offer.name}</h2>${ribbon(offer, store, context)}</div>
          <button part="close" class="close" type="button" aria-label=${text.close} @click=${context.close}>&times;</button>
        </div>
        ${offer.description ? html`<p class="description" dir="auto">${offer.description}</p>` : nothing} ${countdown(offer, context)}
        <h3 class="section">${text.whatYouGet}</h3>
        ${store._rolling(offer) ? ladder(offer, step, store, context, true) : items(offer.steps.flatMap((s) => s.items!), store, context, false)}
        <div class="actions">
          <button part="cta" class="cta" type="button" aria-label=${label} data-was=${was ?? nothing} @click=${start}>${content}</button>
        </div>
      </div>
    </dialog>
  `;
}
