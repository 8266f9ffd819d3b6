/**
 * A keyed list, in place of Lit's `repeat` directive (which weighs about 900 B gzip in the bundle,
 * a twentieth of the budget). Each key keeps its own element, whose content lit-html renders in
 * place. When the window of cards moves, the elements it still shows are neither removed nor
 * re-inserted, so the focus inside them stays; only the new ones go in, before or after them.
 */
export function syncKeyed(
  parent: Element,
  items: Map<number, HTMLElement>,
  keys: readonly number[],
  draw: (item: HTMLElement, key: number, index: number) => void,
): void {
  const wanted = new Set(keys);
  for (const [key, item] of items) {
    if (!wanted.has(key)) {
      item.remove();
      items.delete(key);
    }
  }
  let next = parent.firstElementChild;
  keys.forEach((key, index) => {
    let item = items.get(key);
    if (!item) items.set(key, (item = document.createElement('li')));
    draw(item, key, index);
    if (item === next) next = item.nextElementSibling;
    else parent.insertBefore(item, next);
  });
}
