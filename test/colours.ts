/** Colours as the browser draws them, and WCAG 2 contrast, for the tests of the wall's looks. */
const normalize = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;

/** Any CSS colour as [r, g, b, a] (0–255), through a canvas, which reads every syntax. */
export function rgba(color: string): number[] {
  normalize.clearRect(0, 0, 1, 1);
  normalize.fillStyle = '#000';
  normalize.fillStyle = color;
  normalize.fillRect(0, 0, 1, 1);
  return [...normalize.getImageData(0, 0, 1, 1).data];
}

/** WCAG 2 contrast ratio of two opaque colours. */
export function contrast(a: number[], b: number[]): number {
  const luminance = ([r, g, b]: number[]) => {
    const [R, G, B] = [r!, g!, b!].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The colour behind an element: the first opaque background of its ancestors, through the shadow root; the page's white last. */
export function backgroundBehind(el: Element): number[] {
  for (let node: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null); node; ) {
    const color = rgba(getComputedStyle(node).backgroundColor);
    if (color[3] === 255) return color;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return [255, 255, 255, 255];
}
