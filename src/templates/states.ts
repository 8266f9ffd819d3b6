/**
 * The wall's states around the cards: loading (without words while the wall's texts load), empty,
 * the error panel with its retry, and the control that loads the next page. Plain data and callbacks in, templates out.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { WallErrorInfo } from '../data/types.js';
import type { WallMessages } from '../messages.js';

/**
 * The loading state, one for every wait (the wall's language, the first page, a page whose first
 * offers the filters leave out): a few empty cards of the real ones' shape, the region marked
 * busy, without words (named by `label` once the wall's texts are here), so nothing jumps or
 * changes language when the offers arrive.
 */
export const renderSkeleton = (label?: string): TemplateResult =>
  html`<div part="loading" class="skeleton" role="status" aria-busy="true" aria-label=${label ?? nothing}>
    ${[0, 1, 2, 3].map(() => html`<div class="card bone"><span class="icon"></span><span><i></i><i></i><i></i></span><b class="cta"></b></div>`)}
  </div>`;

export function renderEmpty(text: WallMessages): TemplateResult {
  return html`<div part="empty" class="state" role="status"><slot name="empty">${text.empty}</slot></div>`;
}

/**
 * The filters, search included, leave none of the offers received so far: said at once (the
 * pages loaded are all there is to say it of), with a way to clear them; `more` follows it when
 * the feed has more, which the user asks for (the wall does not page the feed by itself for them).
 */
export function renderNoMatches(text: WallMessages, clear: () => void): TemplateResult {
  return html`<div part="empty" class="state" role="status">
    <p>${text.noMatches}</p>
    <button class="retry" type="button" @click=${clear}>${text.clearFilters}</button>
  </div>`;
}

/**
 * The error panel's words: what the user can make of the failure, in their language. The
 * technical reason (which the publisher needs) is in `offer-wall-error` and the console.
 */
export function errorText(error: WallErrorInfo, text: WallMessages): string[] {
  // What else to say is what the user can do: check the connection. (The retry is the button.)
  return error.kind === 'network' || error.kind === 'timeout' ? [text.errorTitle, text.errorOffline] : [text.errorTitle];
}

export function renderError(error: WallErrorInfo, text: WallMessages, retry: () => void): TemplateResult {
  return html`
    <div part="error" class="state error" role="alert">
      ${errorText(error, text).map((line) => html`<p>${line}</p>`)}
      <button part="retry" class="retry" type="button" @click=${retry}>${text.retry}</button>
    </div>
  `;
}

/** What follows the cards: the next page's control, or the error of the page that failed. */
export function renderMore(
  state: { _hasMore: boolean; _loadingMore: boolean; _moreError: WallErrorInfo | null },
  text: WallMessages,
  loadMore: () => void,
  retry: () => void,
): TemplateResult {
  return html`
    ${state._moreError
      ? renderError(state._moreError, text, retry)
      : state._hasMore
        ? html`<button
            part="more"
            class="more"
            type="button"
            aria-disabled=${state._loadingMore ? 'true' : 'false'}
            @click=${loadMore}
          >
            ${state._loadingMore ? text.loading : text.more}
          </button>`
        : nothing}
    <div class="visually-hidden" role="status">${state._loadingMore ? text.loading : ''}</div>
  `;
}
