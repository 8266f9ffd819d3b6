/**
 * The demo page: starts msw (the walls' endpoints), then defines <offer-wall> so the walls' first
 * requests are already answered by the mocks, and wires the controls and the event log.
 */
import { setupWorker } from 'msw/browser';
import { demoNetwork, handlers, type NetworkMode } from './mocks/handlers.js';
import { chargeBackLatest, convertLatest, rewardsHandlers, seedRewards } from './mocks/rewards.js';

// `?proxy` (with `npm run demo:proxy`): the walls call the real reference proxies, which call
// the mock upstream; otherwise msw answers the walls' endpoints inside the page.
const viaProxy = new URLSearchParams(location.search).has('proxy');
if (viaProxy) {
  document.querySelector('#wall-s2s')!.setAttribute('endpoint', 'http://127.0.0.1:8787/offers');
  document.querySelector('#wall-appcharge')!.setAttribute('endpoint', 'http://127.0.0.1:8788/offers');
  document.querySelector('#mode')!.textContent =
    'Proxy mode: each wall calls a real offer-wall proxy (127.0.0.1:8787 and :8788), which adds the secret and calls the mock upstream.';
  (document.querySelector('select[name=network]') as HTMLSelectElement).disabled = true;
  // The real server keeps the rewards; the mock network beside it makes the user's token.
  const wall = document.querySelector('#wall-s2s')!;
  wall.setAttribute('rewards-endpoint', 'http://127.0.0.1:8787/rewards');
  wall.setAttribute('user-token', await (await fetch('http://127.0.0.1:8789/token')).text());
} else {
  seedRewards();
  // Firefox sends a keepalive request (the wall's record of a tap) past the page's service
  // worker, so msw would never see it: in this mock mode only, the demo drops the flag.
  const pageFetch = window.fetch;
  window.fetch = (input, init) => pageFetch(input, init?.keepalive ? { ...init, keepalive: false } : init);
  const worker = setupWorker(...handlers, ...rewardsHandlers);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}
await import('../src/offer-wall.js');

const walls = [...document.querySelectorAll('offer-wall')];
const form = document.querySelector<HTMLFormElement>('#controls')!;
const log = document.querySelector<HTMLOListElement>('#log')!;

function field(name: string): string {
  return (form.elements.namedItem(name) as HTMLSelectElement | HTMLInputElement).value;
}

function checked(name: string): boolean {
  return (form.elements.namedItem(name) as HTMLInputElement).checked;
}

// `?theme=dark&layout=grid&locale=ar-EG…` presets the form, so a view can be linked to (and
// screenshotted); the address follows the form as it changes.
const params = new URLSearchParams(location.search);
for (const [name, value] of params) {
  const control = form.elements.namedItem(name);
  if (control instanceof HTMLSelectElement && [...control.options].some((option) => option.value === value)) {
    control.value = value;
  } else if (control instanceof HTMLInputElement && control.type === 'checkbox') {
    control.checked = value !== 'off' && value !== '0' && value !== 'false';
  }
}

function remember(): void {
  const next = new URLSearchParams(viaProxy ? 'proxy' : '');
  for (const control of form.elements) {
    if (control instanceof HTMLSelectElement) {
      const initial = [...control.options].find((option) => option.defaultSelected) ?? control.options[0];
      if (control.value !== initial?.value) next.set(control.name, control.value);
    } else if (control instanceof HTMLInputElement && control.type === 'checkbox' && control.checked !== control.defaultChecked) {
      next.set(control.name, control.checked ? 'on' : 'off');
    }
  }
  const query = next.toString().replace(/^proxy=(&|$)/, 'proxy$1');
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

/** When the demo's pending rewards usually come, in the wall's other languages (English: the `credit-hint` attribute). */
const CREDIT_HINTS: Record<string, string> = {
  de: 'meist innerhalb von 24 Stunden',
  es: 'normalmente en 24 horas',
  pt: 'geralmente em até 24 horas',
  fr: 'généralement sous 24 heures',
  ja: '通常24時間以内',
  ar: 'عادةً خلال ٢٤ ساعة',
};

function apply(): void {
  demoNetwork.mode = field('network') as NetworkMode;
  demoNetwork.large = checked('large');
  const [currencyName, currencyRate] = field('currency').split(':');
  // The page follows the walls' theme: `auto` leaves it to prefers-color-scheme (see demo.css).
  document.documentElement.dataset['theme'] = field('theme');
  for (const wall of walls) {
    wall.theme = field('theme');
    wall.layout = field('layout');
    wall.toolbar = checked('toolbar') ? 'on' : 'off';
    wall.headingLevel = Number(field('headingLevel'));
    wall.country = field('country') || null;
    wall.pageSize = Number(field('pageSize'));
    wall.locale = field('locale');
    wall.dir = field('locale').startsWith('ar') ? 'rtl' : 'ltr';
    if (wall.format === 's2s') {
      // credit-hint is the publisher's text, in English on the element: other languages through messages.
      wall.messages = { creditHint: CREDIT_HINTS[field('locale').split('-')[0]!] ?? '' };
      wall.os = field('os') || null;
      wall.currencyName = currencyName || null;
      wall.currencyRate = currencyRate ? Number(currencyRate) : null;
      // The currency's icon is an absolute URL (a relative one is ignored): the demo's own coin.
      wall.currencyIcon = currencyName ? new URL('coin.svg', location.href).href : null;
    } else {
      wall.offerType = field('offerType') || null;
    }
  }
}

form.addEventListener('change', (event) => {
  // The network mode only matters for the next request: reload so its effect shows at once.
  apply();
  remember();
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
  const { offer, url, step } = e.detail;
  write(e.target as Element, 'offer-click', `${offer.name}${step === null ? '' : ` (step ${step})`} → ${url ?? '(no link)'}${open ? '' : ' (not opened)'}`);
  // The publisher's server would record the step bought; the demo moves the rolling offer on.
  if (step !== null && offer.type === 'RollingOffer') setProgress(step + 1);
});

// The game around the appcharge store: a purchase opens the pop-up that follows it
// (`trigger('purchase')`), the player's segment picks their offers, and their progress on the
// rolling offer (which the publisher's server knows) says which step it shows.
const store = walls.find((wall) => wall.id === 'wall-appcharge')!;
const progress = document.querySelector<HTMLSelectElement>('#progress')!;
function setProgress(done: number): void {
  progress.value = String(Math.min(done, 4));
  store.progress = { 'rolling-offer-live': Number(progress.value) };
}
progress.addEventListener('change', () => setProgress(Number(progress.value)));
document.querySelector('#segment')!.addEventListener('change', (e) => {
  store.segments = (e.target as HTMLSelectElement).value || null;
});
document.querySelector('#buy')!.addEventListener('click', () => {
  const opened = store.trigger('purchase');
  write(store, 'trigger', `trigger('purchase') → ${opened ? 'a pop-up opened' : 'no pop-up'}`);
});
document.addEventListener('offer-support', (e) => {
  const { name, status, clickId } = e.detail.reward;
  write(e.target as Element, 'offer-support', `${name} (${status}, click ${clickId ?? '?'}): opens support-url`);
});
// The demo's tracking and support hosts do not exist: unless asked, the page does not go there.
// The click is not cancelled (the wall then records it as a pending reward); only the new tab is
// left out, here rather than in a listener, which would cancel the click and its record with it.
const openTab = window.open.bind(window);
window.open = (...args: Parameters<typeof window.open>) =>
  (form.elements.namedItem('openLinks') as HTMLInputElement).checked ? openTab(...args) : null;

// The network's side of the rewards loop: a conversion credits the latest pending tap, a
// chargeback takes back the latest credit; then the wall reloads, its rewards with it.
const networkStatus = document.querySelector('#network-status')!;
async function playNetwork(kind: 'convert' | 'chargeback'): Promise<void> {
  let said: string;
  if (viaProxy) {
    said = await (await fetch(`http://127.0.0.1:8789/${kind}`, { method: 'POST' })).text();
  } else {
    const name = kind === 'convert' ? convertLatest() : chargeBackLatest();
    said = name ? `${kind === 'convert' ? 'Credited' : 'Charged back'}: ${name}.` : kind === 'convert' ? 'No pending reward: tap an offer first.' : 'No credited reward to take back.';
  }
  networkStatus.textContent = said;
  const wall = walls.find((candidate) => candidate.id === 'wall-s2s')!;
  write(wall, 'network', said);
  wall.reload();
}
document.querySelector('#convert')!.addEventListener('click', () => void playNetwork('convert'));
document.querySelector('#chargeback')!.addEventListener('click', () => void playNetwork('chargeback'));
document.querySelector('#clear-log')!.addEventListener('click', () => log.replaceChildren());

// The toolbar writes what the user picks back to the wall's attributes (and so do the controls
// above for theme and layout): the log shows each change as the page would see it.
const watched = ['sort', 'filter', 'search', 'theme', 'layout'];
// From after the first render, so the attributes the settings above reflect are not logged.
await Promise.all(walls.map((wall) => wall.updateComplete));
new MutationObserver((records) => {
  // One line per attribute and wall for a batch of changes (typing fast can make several).
  const before = new Map<string, [Element, string, string | null]>();
  for (const { target, attributeName, oldValue } of records) {
    const key = `${(target as Element).id} ${attributeName}`;
    if (!before.has(key)) before.set(key, [target as Element, attributeName!, oldValue]);
  }
  for (const [wall, name, oldValue] of before.values()) {
    const value = wall.getAttribute(name);
    if (value !== oldValue) write(wall, 'attribute', `${name} = ${value === null ? '(removed)' : JSON.stringify(value)}`);
  }
}).observe(document.querySelector('.walls')!, { subtree: true, attributeFilter: watched, attributeOldValue: true });

