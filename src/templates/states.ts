/**
 * The wall's states around the cards: loading (without words while the wall's texts load), empty,
 * the error panel with its retry, and the control that loads the next page. Plain data and callbacks in, templates out.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { WallErrorInfo } from '../data/types.js';
import type { WallMessages } from '../messages.js';

/**
 * The loading state without words, while the texts of the wall's language are on their way: a few
 * empty cards of the real ones' shape, the region marked busy.
 */
export const renderSkeleton = (): TemplateResult =>
  html`<div part="loading" class="skeleton" aria-busy="true">
    ${[0, 1, 2].map(() => html`<div class="card bone"><span class="icon"></span><span><i></i><i></i></span><b class="cta"></b></div>`)}
  </div>`;

export function renderLoading(text: WallMessages): TemplateResult {
  return html`<div part="loading" class="state" role="status">${text.loading}</div>`;
}

export function renderEmpty(text: WallMessages): TemplateResult {
  return html`<div part="empty" class="state" role="status"><slot name="empty">${text.empty}</slot></div>`;
}

/** The filters, search included, leave none of the offers received. */
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
  // A 5xx is known only from the message (`The offers endpoint answered HTTP 503.`).
  const hint =
    error.kind === 'network' || error.kind === 'timeout'
      ? text.errorOffline
      : error.kind === 'http' && /\b5\d\d\b/.test(error.message)
        ? text.errorBusy
        : '';
  return hint ? [text.errorTitle, hint] : [text.errorTitle];
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
