/**
 * The wall's parts (`::part()`) and CSS custom properties, described for the custom elements
 * manifest (custom-elements-manifest.config.mjs adds them to the element's entry), kept here rather
 * than in the class's JSDoc. Not part of the bundle.
 */
export const PART_DOCS: Record<string, string> = {
  base: 'The wall\'s root, inside the shadow root.',
  list: 'The list of offers.',
  card: 'One offer.',
  icon: 'The offer\'s icon, or its placeholder.',
  title: 'The offer\'s name.',
  payout: 'The formatted reward, inside the card\'s call to action.',
  description: 'A card\'s second line (what to do: its first step and how many there are, or its description; "Started" before it once started), and the detail\'s description.',
  steps: 'The conversion flow, an ordered list, in the detail.',
  step: 'One step of the conversion flow.',
  cta: 'The call to action that fires `offer-click`; on a card it carries the reward.',
  loading: 'The loading state.',
  empty: 'The empty state.',
  error: 'The error panel.',
  retry: 'The button in the error panel.',
  more: 'The control that loads the next page.',
  toolbar: 'The bar above the offers.',
  filter: 'A toggle button for one offer type, in the user\'s words, "All" first (`aria-pressed`).',
  sort: 'The sort control.',
  search: 'The search box.',
  detail: 'The offer\'s detail dialog.',
  close: 'The detail\'s close button.',
  tab: 'One of the two tabs, offers and "My rewards" (with `rewards-endpoint` and `user-token`).',
  rewards: 'The rewards view.',
  reward: 'One of the user\'s rewards.',
  support: 'The "Report a problem" button of a reward pending for more than a day.',
};

export const CSS_PROPERTY_DOCS: Record<string, string> = {
  '--offer-wall-accent': 'Accent colour: calls to action, links, focus rings.',
  '--offer-wall-accent-text': 'Text on the accent colour.',
  '--offer-wall-surface': 'Card background.',
  '--offer-wall-text': 'Main text colour.',
  '--offer-wall-muted': 'Secondary text colour.',
  '--offer-wall-border': 'Card and dialog border colour.',
  '--offer-wall-outline': 'Boundary of controls (search, sort, filters, buttons): at least 3:1 against surface and background.',
  '--offer-wall-error': 'Error text colour.',
  '--offer-wall-radius': 'Corner radius of cards and buttons.',
  '--offer-wall-spacing': 'Space between and inside cards.',
  '--offer-wall-font': 'Font family.',
  '--offer-wall-font-size': 'Base font size.',
  '--offer-wall-background': 'The wall\'s background (transparent in light, dark in dark).',
};
