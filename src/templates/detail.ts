/**
 * An s2s offer's detail view, in a native modal `<dialog>` (a sheet from the bottom on phones):
 * everything the feed says about the offer (networks such as BitLabs require the description and
 * requirements to be shown before the user starts), the steps (`steps`/`step` parts), and a call
 * to action that fires `offer-click` like the card's. The element opens and closes it and returns
 * the focus; this module only draws it. (An appcharge offer's dialog is the store's.)
 */
import { html, nothing, type CSSResult, type TemplateResult } from 'lit';
import { formatPayout } from '../data/format.js';
import type { WallOffer } from '../data/types.js';
import { ctaContent, offerIcon, type CardContext } from './card.js';

/** What the detail chunk brings (`chunks/detail.ts`): this dialog's template and its styles. */
export interface DetailLooks {
  _render(offer: WallOffer, context: DetailContext): TemplateResult;
  _styles: CSSResult;
}

export interface DetailContext extends CardContext {
  close: () => void;
  start: (offer: WallOffer) => void;
}

/**
 * `['US', 'DE']` → `United States, Germany`, in the locale's words and with its list punctuation
 * (`،` in Arabic, `、` in Japanese); a code Intl does not know is shown as it is.
 */
function countryList(codes: readonly string[], locale: string): string {
  try {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    const name = (code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
    return new Intl.ListFormat(locale, { type: 'unit' }).format(codes.map(name));
  } catch {
    return codes.join(', ');
  }
}

export function renderDetail(offer: WallOffer, context: DetailContext): TemplateResult {
  const { text, _rewards } = context;
  // The reward shows under the name, and the button says "Start" (its visible words are part of
  // its accessible name, as WCAG's label in name wants).
  const reward = formatPayout((offer.reward as { usd: number }).usd, _rewards);
  // Platform names are brands, written alike in every language.
  const platform = offer.os === 'ios' ? 'iOS' : offer.os === 'android' ? 'Android' : offer.os;
  const countries = countryList(offer.countries, _rewards.locale);
  // A click on the backdrop reaches the dialog itself; its content fills the box inside.
  const onClick = (event: MouseEvent) => {
    if (event.target === event.currentTarget) context.close();
  };
  return html`
    <dialog part="detail" class="dialog" aria-labelledby="detail-title" @click=${onClick} @close=${context.close}>
      <div class="sheet">
        <div class="dialog-head">
          ${offerIcon(offer, context)}
          <div>
            <h2 id="detail-title" class="dialog-title">${offer.name}</h2>
            <p class="reward">${ctaContent(reward, context._rewards.icon)}</p>
          </div>
          <button part="close" class="close" type="button" aria-label=${text.close} @click=${context.close}>&times;</button>
        </div>
        ${offer.description ? html`<p class="description" dir="auto">${offer.description}</p>` : nothing}
        ${offer.steps.length
          ? html`<h3 class="section">${text.stepsLabel}</h3>
              <ol part="steps" class="steps">
                ${offer.steps.map((step) => html`<li part="step">${step.text}</li>`)}
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
                >${text.preview}<span aria-hidden="true"> &#8599;</span></a
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
