// `npm run analyze` (part of `npm run build`) writes custom-elements.json from the JSDoc of
// src/offer-wall.component.ts; its parts and CSS custom properties from src/internal/surface.docs.ts. The attributes are not read from the code (the element spreads one
// declaration into `static properties`, which the analyzer cannot see into): they are written from
// that declaration and its descriptions, as compiled by `tsc -p tsconfig.build.json` just before.
import { ATTRIBUTES } from './dist/esm/internal/attributes.js';
import { ATTRIBUTE_DOCS } from './dist/esm/internal/attributes.docs.js';
import { CSS_PROPERTY_DOCS, PART_DOCS } from './dist/esm/internal/surface.docs.js';

/** The manifest's `default`: the literal when the docs give one (`20`, `auto`), else none. */
function literal(text) {
  const match = /^`([^`]+)`$/.exec(text);
  if (!match) return undefined;
  return /^-?\d+(\.\d+)?$/.test(match[1]) ? match[1] : `'${match[1]}'`;
}

function attributeEntries() {
  const attributes = [];
  const fields = [];
  for (const [property, declaration] of Object.entries(ATTRIBUTES)) {
    const doc = ATTRIBUTE_DOCS[property];
    const name = declaration.attribute ?? property;
    const value = literal(doc.default);
    const description = value === undefined ? `${doc.description}. Default: ${doc.default}.` : `${doc.description}.`;
    const type = { text: `${doc.type} | null | undefined` };
    const common = { type, description, ...(value === undefined ? {} : { default: value }) };
    attributes.push({ name, fieldName: property, ...common });
    fields.push({ kind: 'field', name: property, privacy: 'public', attribute: name, ...(declaration.reflect ? { reflects: true } : {}), ...common });
  }
  return { attributes, fields };
}

export default {
  globs: ['src/offer-wall.component.ts', 'src/offer-wall.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'offer-wall:public-surface',
      packageLinkPhase({ customElementsManifest }) {
        const { attributes, fields } = attributeEntries();
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            // `_emit`-style helpers are not events, and internal members are not the public surface.
            declaration.events = declaration.events?.filter((e) => e.name !== 'type');
            declaration.members = declaration.members?.filter((m) => m.privacy !== 'private' && !m.name.startsWith('_'));
            if (declaration.tagName === 'offer-wall') {
              declaration.attributes = attributes;
              declaration.cssParts = Object.entries(PART_DOCS).map(([name, description]) => ({ description, name }));
              declaration.cssProperties = Object.entries(CSS_PROPERTY_DOCS).map(([name, description]) => ({ description, name }));
              declaration.members = [...fields, ...(declaration.members ?? []).filter((m) => !(m.name in ATTRIBUTES))];
            }
          }
        }
      },
    },
  ],
};
