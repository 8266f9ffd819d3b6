/**
 * What the script-tag file hands its chunks. A chunk's modules import these as they would anywhere
 * (`import { html } from 'lit'`); in a chunk built beside dist/offer-wall.js, each such import is
 * answered with the main file's own copy, passed to the chunk when it is loaded (see vite.config.ts
 * and `chunks.ts`), so a chunk never carries a second Lit or a second copy of a helper. A chunk
 * that imports anything else from a module of the main file fails the build: add it here.
 */
import { css, html, nothing } from 'lit';
import { formatAmount, formatCount, formatPayout, formatUsd, numberFormat } from '../data/format.js';
import { isIdLike, isRecord, prop, readAmount, readCodes, readId, readNumber, readText } from '../data/fields.js';
import { rewardsFailed, WallError } from '../data/types.js';
import { addEnglish } from '../i18n/index.js';
import { clickUrl, safeHttpUrl } from '../data/urls.js';
import { ctaContent, offerIcon, renderTitle, startedMark } from '../templates/card.js';

export const host = {
  css,
  html,
  nothing,
  formatAmount,
  formatCount,
  formatPayout,
  formatUsd,
  numberFormat,
  isIdLike,
  isRecord,
  prop,
  readAmount,
  readCodes,
  readId,
  readNumber,
  readText,
  WallError,
  clickUrl,
  safeHttpUrl,
  ctaContent,
  offerIcon,
  renderTitle,
  startedMark,
  rewardsFailed,
  addEnglish,
};
