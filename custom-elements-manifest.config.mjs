// `npm run analyze` writes custom-elements.json from the JSDoc of src/offer-wall.component.ts.
export default {
  globs: ['src/offer-wall.component.ts', 'src/offer-wall.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'offer-wall:public-surface-only',
      // Internal reactive state (`_status`, …) is declared beside the properties but is no
      // attribute; and `_emit(type, …)` is a helper, not an event named "type".
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            declaration.attributes = declaration.attributes?.filter((a) => !a.name.startsWith('_'));
            declaration.events = declaration.events?.filter((e) => e.name !== 'type');
            declaration.members = declaration.members?.filter((m) => m.privacy !== 'private' && !m.name.startsWith('_'));
          }
        }
      },
    },
  ],
};
