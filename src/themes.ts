/**
 * The wall's dark palette, apart from its other styles: the build's template minifier skips a
 * file that builds CSS from a string, and the palette is such a string (one declaration list used
 * in two rules, since a media query cannot share a selector list).
 */
import { unsafeCSS } from 'lit';

export const dark = unsafeCSS(
  'color-scheme:dark;--_bg:var(--offer-wall-background,#111827);--_accent:var(--offer-wall-accent,#60a5fa);' +
    '--_accent-text:var(--offer-wall-accent-text,#0b1220);--_surface:var(--offer-wall-surface,#1f2937);' +
    '--_text:var(--offer-wall-text,#f3f4f6);--_muted:var(--offer-wall-muted,#aab2bf);' +
    '--_border:var(--offer-wall-border,#4b5563);--_outline:var(--offer-wall-outline,#7b8494);' +
    '--_error:var(--offer-wall-error,#fca5a5);--_hover:rgb(255 255 255/.08)',
);

