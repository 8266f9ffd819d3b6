/**
 * Every attribute of `<offer-wall>`, declared once. The element's reactive properties are this
 * object (`static properties`); the settings reader walks it; which attributes change the request
 * (and so load again from page 1) is said here; the React typings (`src/react.ts`) derive their
 * attribute names and value types from it. What each one means and its default, for people, is in
 * `attributes.docs.ts` (kept out of the bundle), from which the manifest is completed and the
 * attribute table of docs/embedding.md is generated; tests fail when any of them disagree.
 */
import { FORMAT_SETTINGS } from '../data/dialects.js';
import { OS_VALUES } from '../data/rules.js';

/** One attribute: Lit's property options, and what the wall makes of its value. */
export interface AttributeDeclaration {
  /** The attribute's name, when it is not the property's (camelCase properties are kebab-case attributes). */
  readonly attribute?: string;
  readonly type?: NumberConstructor;
  readonly reflect?: boolean;
  /** Changing it changes the request: what is shown is dropped and page 1 is asked again. */
  readonly _request?: 1;
  /** The words it takes, matched in any case; the first is the default. */
  readonly _values?: readonly string[];
}

export const ATTRIBUTES = {
  endpoint: { _request: 1 },
  format: { _request: 1, _values: FORMAT_SETTINGS },
  os: { _request: 1, _values: OS_VALUES },
  country: { _request: 1 },
  pageSize: { attribute: 'page-size', type: Number, _request: 1 },
  userId: { attribute: 'user-id', _request: 1 },
  gaid: { _request: 1 },
  andid: { _request: 1 },
  offerType: { attribute: 'offer-type', _request: 1 },
  offerSubType: { attribute: 'offer-sub-type', _request: 1 },
  currencyName: { attribute: 'currency-name' },
  currencyRate: { attribute: 'currency-rate', type: Number },
  currencyIcon: { attribute: 'currency-icon' },
  locale: {},
  clickUrlTemplate: { attribute: 'click-url-template' },
  timeout: { type: Number },
  theme: { reflect: true, _values: ['auto', 'light', 'dark'] },
  layout: { reflect: true, _values: ['list', 'grid'] },
  // The toolbar writes these back, so a page can read (and a reload keep) what the user chose.
  sort: { reflect: true, _values: ['feed', 'reward'] },
  filter: { reflect: true },
  search: { reflect: true },
  toolbar: { _values: ['on', 'off'] },
  headingLevel: { attribute: 'heading-level', type: Number },
  // The player's appcharge segments: which offers the list shows (the store reads it).
  segments: {},
  // The user's rewards (CONTRACT.md section 9.2): on when the first two are set.
  rewardsEndpoint: { attribute: 'rewards-endpoint' },
  userToken: { attribute: 'user-token' },
  creditHint: { attribute: 'credit-hint' },
  supportUrl: { attribute: 'support-url' },
} as const satisfies Record<string, AttributeDeclaration>;

export type AttributeProperty = keyof typeof ATTRIBUTES;

type Declared = typeof ATTRIBUTES;

/** An attribute's name in the page: its own, or the property's. */
export type AttributeName<K extends AttributeProperty> = Declared[K] extends { attribute: infer A extends string } ? A : K;

/** What a property holds once set: a number for number attributes, else text (`null` when removed). */
export type PropertyValue<K extends AttributeProperty> = Declared[K] extends { type: NumberConstructor } ? number | null : string | null;

/** The words an attribute takes, when it takes a fixed set. */
export type AttributeWord<K extends AttributeProperty> = Declared[K] extends { _values: readonly (infer V extends string)[] } ? V : never;

/** The element's settings properties as a publisher set them. */
export type SettingsProperties = { [K in AttributeProperty]?: PropertyValue<K> };

/** Properties whose change alters the request. */
export const REQUEST_PROPERTIES = (Object.keys(ATTRIBUTES) as AttributeProperty[]).filter(
  (name) => (ATTRIBUTES[name] as AttributeDeclaration)._request,
);

/** The attribute's name in the page, for warnings. */
export const attributeOf = (name: AttributeProperty): string => (ATTRIBUTES[name] as AttributeDeclaration).attribute ?? name;
