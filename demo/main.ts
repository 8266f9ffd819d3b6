/**
 * The demo page: starts msw (the walls' endpoints), then defines <offer-wall> so the walls' first
 * requests are already answered by the mocks, and wires the controls and the event log.
 */
import { setupWorker } from 'msw/browser';
import { demoNetwork, handlers, type NetworkMode } from './mocks/handlers.js';

// `?proxy` (with `npm run demo:proxy`): the walls call the real reference proxies, which call
// the mock upstream; otherwise msw answers the walls' endpoints inside the page.
const viaProxy = new URLSearchParams(location.search).has('proxy');
if (viaProxy) {
  document.querySelector('#wall-s2s')!.setAttribute('endpoint', 'http://127.0.0.1:8787/offers');
  document.querySelector('#wall-appcharge')!.setAttribute('endpoint', 'http://127.0.0.1:8788/offers');
  document.querySelector('#mode')!.textContent =
    'Proxy mode: each wall calls a real offer-wall proxy (127.0.0.1:8787 and :8788), which adds the secret and calls the mock upstream.';
  (document.querySelector('select[name=network]') as HTMLSelectElement).disabled = true;
} else {
  const worker = setupWorker(...handlers);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}
await import('../src/offer-wall.js');

const walls = [...document.querySelectorAll('offer-wall')];
const form = document.querySelector<HTMLFormElement>('#controls')!;
const log = document.querySelector<HTMLOListElement>('#log')!;

function field(name: string): string {
  return (form.elements.namedItem(name) as HTMLSelectElement | HTMLInputElement).value;
}

function apply(): void {
  demoNetwork.mode = field('network') as NetworkMode;
  demoNetwork.large = (form.elements.namedItem('large') as HTMLInputElement).checked;
  const [currencyName, currencyRate] = field('currency').split(':');
  for (const wall of walls) {
    wall.country = field('country') || null;
    wall.pageSize = Number(field('pageSize'));
    wall.locale = field('locale');
    wall.dir = field('locale').startsWith('ar') ? 'rtl' : 'ltr';
    if (wall.format === 's2s') {
      wall.os = field('os') || null;
      wall.currencyName = currencyName || null;
      wall.currencyRate = currencyRate ? Number(currencyRate) : null;
    } else {
      wall.offerType = field('offerType') || null;
    }
  }
}

form.addEventListener('change', (event) => {
  // The network mode only matters for the next request: reload so its effect shows at once.
  apply();
  const name = (event.target as HTMLElement).getAttribute('name');
  if (name === 'network' || name === 'large') walls.forEach((wall) => wall.reload());
});
apply();

function write(source: Element, kind: string, text: string): void {
  const item = document.createElement('li');
  const time = new Date().toLocaleTimeString();
  const label = document.createElement('span');
  label.className = 'kind';
  label.textContent = `${time} ${source.id} ${kind}`;
  item.append(label, ` ${text}`);
  log.prepend(item);
  while (log.childElementCount > 200) log.lastElementChild!.remove();
}

document.addEventListener('offer-wall-load', (e) => {
  const { page, total, rejected, offers } = e.detail;
  write(e.target as Element, 'offer-wall-load', `page ${page}: ${offers.length} shown of ${total ?? '?'}, ${rejected} left out`);
});
document.addEventListener('offer-wall-error', (e) => {
  write(e.target as Element, 'offer-wall-error', `${e.detail.error.kind}: ${e.detail.error.message}`);
});
document.addEventListener('offer-impression', (e) => {
  write(e.target as Element, 'offer-impression', e.detail.offer.name);
});
document.addEventListener('offer-click', (e) => {
  const open = (form.elements.namedItem('openLinks') as HTMLInputElement).checked;
  // The demo's tracking hosts do not exist; by default the click is logged, not followed.
  if (!open) e.preventDefault();
  write(e.target as Element, 'offer-click', `${e.detail.offer.name} → ${e.detail.url ?? '(no link)'}${open ? '' : ' (not opened)'}`);
});
document.querySelector('#clear-log')!.addEventListener('click', () => log.replaceChildren());
