/**
 * The entry of dist/offer-wall.js, the script-tag file: it defines <offer-wall> and exposes
 * nothing else on the page (bundler users import the ES modules instead).
 */
import './offer-wall.js';
