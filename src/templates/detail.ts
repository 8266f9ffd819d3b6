/**
 * An offer's detail view, in a native modal `<dialog>`: everything the feed says about the offer
 * (networks such as BitLabs require the description and requirements to be shown before the user
 * starts), with a call to action that fires `offer-click` like the card's. The element opens and
 * closes it and returns the focus; this module only draws it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatReward } from '../data/format.js';
import type { WallOffer } from '../data/types.js';
import { offerIcon, stepText, type CardContext } from './card.js';

export interface DetailContext extends CardContext {
  close: () => void;
  start: (offer: WallOffer) => void;
}

const regionNames = new Map<string, Intl.DisplayNames | null>();

/** `DE` → `Germany` (or `Deutschland`), for the locale; the code itself where Intl cannot say. */
function countryName(code: string, locale: string): string {
  if (!regionNames.has(locale)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      // Older engines: the codes are shown as they are.
    }
    regionNames.set(locale, names);
  }
  try {
    return regionNames.get(locale)?.of(code) ?? code;
  } catch {
    return code;
  }
}

export function renderDetail(offer: WallOffer, context: DetailContext): TemplateResult {
  const { text, _rewards } = context;
  const reward = formatReward(offer.reward, _rewards);
  // Platform names are brands, written alike in every language.
  const platform = offer.os === 'ios' ? 'iOS' : offer.os === 'android' ? 'Android' : offer.os;
  const countries = offer.countries.map((code) => countryName(code, _rewards.locale)).join(', ');
  // A click on the backdrop reaches the dialog itself; its content fills the box inside.
  const onClick = (event: MouseEvent) => {
    if (event.target === event.currentTarget) context.close();
  };
  return html`
    <dialog part="detail" class="dialog" aria-labelledby="detail-title" @click=${onClick} @close=${context.close}>
      <div class="sheet">
        <div class="dialog-head">
          ${offerIcon(offer, context, 72)}
          <div>
            <h2 id="detail-title" class="dialog-title">${offer.name}</h2>
            <p class="payout">${reward}</p>
          </div>
          <button part="close" class="close" type="button" aria-label=${text.close} @click=${context.close}>×</button>
        </div>
        ${offer.description ? html`<p class="description">${offer.description}</p>` : nothing}
        ${offer.steps.length
          ? html`<h3 class="section">${text.stepsLabel}</h3>
              <ol class="steps">
                ${offer.steps.map((step) => html`<li>${stepText(step, _rewards.locale)}</li>`)}
              </ol>`
          : nothing}
        ${platform || countries
          ? html`<dl class="facts">
              ${platform ? html`<dt>${text.platform}</dt><dd>${platform}</dd>` : nothing}
              ${countries ? html`<dt>${text.countries}</dt><dd>${countries}</dd>` : nothing}
            </dl>`
          : nothing}
        <div class="actions">
          ${offer.previewUrl
            ? html`<a class="preview" href=${offer.previewUrl} target="_blank" rel="noopener noreferrer"
                >${text.preview}<span aria-hidden="true"> ↗</span></a
              >`
            : nothing}
          <button part="cta" class="cta" type="button" aria-label=${text.startLabel(offer.name, reward)} @click=${() => context.start(offer)}>
            ${text.start}
          </button>
        </div>
      </div>
    </dialog>
  `;
}
