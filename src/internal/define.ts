/**
 * Registers a custom element once. A page may load the wall twice (two script tags, a bundle and
 * the CDN file); the second registration must warn, never throw.
 */
export function defineOnce(name: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(name);
  if (!existing) {
    customElements.define(name, constructor);
  } else if (existing !== constructor) {
    console.warn(`<${name}> is already defined by another copy of the script; this copy is not used.`);
  }
}
