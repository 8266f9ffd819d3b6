// Screenshots of the running demo, for a person to look at (and to compare before and after a
// design change): `npx vite --port 5181 --strictPort &` then
//   node scripts/demo-screenshots.mjs [--out DIR] [--only TEXT] [--base URL]
// Writes DIR/*.png (default screenshots/, ignored by git); --only takes the shots whose name
// contains TEXT (`--only list-375`, `--only=-ar`). `--docs` writes only the README's pictures,
// into docs/images/ (kept in git: run it again when the wall's look changes).
//
// Two sets:
// - states: every state of one wall alone, as a phone or a desktop shows it (the demo's header,
//   form and the other wall hidden), at 320, 375, 390 and 1280 px, light and dark, in English, German,
//   Japanese and Arabic, named `<state>-<width>-<theme>-<lang>.png` (`started`: the second offer tapped);
// - page: the demo page as it is (both walls, the folded settings, the log), a few views at 1280x800
//   and 390x844, named `page-*.png`.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'screenshots' },
    only: { type: 'string', default: '' },
    base: { type: 'string', default: 'http://localhost:5181/' },
    docs: { type: 'boolean', default: false },
  },
});

const SIZES = { 320: { width: 320, height: 640 }, 375: { width: 375, height: 812 }, 390: { width: 390, height: 844 }, 1280: { width: 1280, height: 800 } };
const THEMES = ['light', 'dark'];
const LANGS = { en: 'en-US', de: 'de-DE', ja: 'ja-JP', ar: 'ar-EG' };

/** Each state: the wall it shows, extra demo settings, what it waits for, and what it does first. */
const STATES = {
  list: { wall: 's2s', wait: 'card' },
  grid: { wall: 's2s', query: 'layout=grid', wait: 'card' },
  detail: { wall: 's2s', wait: 'card', action: 'detail' },
  started: { wall: 's2s', wait: 'card', action: 'started' },
  filtered: { wall: 's2s', wait: 'card', action: 'filter' },
  nomatch: { wall: 's2s', wait: 'card', action: 'nomatch' },
  empty: { wall: 's2s', query: 'network=empty', wait: 'empty' },
  error: { wall: 's2s', query: 'network=error', wait: 'error' },
  loading: { wall: 's2s', query: 'network=slow', wait: 'loading' },
  appcharge: { wall: 'appcharge', wait: 'card' },
  'appcharge-detail': { wall: 'appcharge', wait: 'card', action: 'detail' },
  'appcharge-popup': { wall: 'appcharge', wait: 'card', action: 'popup' },
  rewards: { wall: 's2s', wait: 'card', action: 'rewards' },
};

/** The demo page itself: name, viewport, query, system colour scheme, what to scroll to, action. */
const PHONE = { width: 390, height: 844 };
const PAGE_SHOTS = [
  ['page-desktop-en-light', SIZES[1280], 'theme=light'],
  ['page-desktop-en-auto-systemdark', SIZES[1280], '', 'dark'],
  ['page-desktop-ar-light', SIZES[1280], 'theme=light&locale=ar-EG'],
  ['page-desktop-ar-dark-grid', SIZES[1280], 'theme=dark&layout=grid&locale=ar-EG', 'light', '.walls'],
  ['page-desktop-en-light-settings', SIZES[1280], 'theme=light', 'light', null, 'settings'],
  ['page-desktop-en-light-log', SIZES[1280], 'theme=light', 'light', '.side'],
  ['page-phone-en-light', PHONE, 'theme=light'],
  ['page-phone-en-dark', PHONE, 'theme=dark'],
  ['page-phone-ar-dark', PHONE, 'theme=dark&locale=ar-EG'],
  ['page-phone-en-light-settings', PHONE, 'theme=light', 'light', null, 'settings'],
  ['page-phone-en-light-log', PHONE, 'theme=light', 'light', '.side'],
  ['page-desktop-en-dark-filter-focus', SIZES[1280], 'theme=dark&layout=grid', 'light', '.walls', 'filter-focus'],
];

/** Hides everything of the demo but one wall, which then starts at the top of the page. */
const focusOn = (wall) => `
  .page-header, .settings, .side, .walls h2, .walls > section:not(:has(#wall-${wall})) { display: none !important; }
  .stage, .walls { display: block !important; margin: 0 !important; }
`;

const wallOf = (page, wall) => page.locator(`#wall-${wall}`);

/** Waits until the images of the wall in view have loaded or failed. */
async function imagesSettled(page, wall) {
  await page.waitForFunction((id) => {
    const root = document.getElementById(id)?.shadowRoot;
    const inView = (img) => {
      const box = img.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight;
    };
    return [...(root?.querySelectorAll('img') ?? [])].filter(inView).every((img) => img.complete);
  }, `wall-${wall}`);
}

/** Waits until the wall's running animations (the dialog's rise) are over. */
async function animationsDone(page, wall) {
  await page.waitForFunction((id) => {
    const root = document.getElementById(id)?.shadowRoot;
    return !root || root.getAnimations().every((animation) => animation.playState !== 'running');
  }, `wall-${wall}`);
}

async function act(page, wall, action) {
  const host = wallOf(page, wall);
  if (action === 'settings') {
    // Opened from the keyboard, as a keyboard user would: Tab to the summary, then Enter.
    await page.locator('.settings > summary').focus();
    await page.keyboard.press('Enter');
    await page.locator('#controls').waitFor();
    return;
  }
  if (action === 'detail') {
    await host.locator('[part~="card"]').nth(1).locator('[part~="title"]').click();
    await host.locator('[part~="detail"]').waitFor();
  } else if (action === 'filter' || action === 'filter-focus') {
    // The first type that is not pressed: the first type, or the one after "All".
    await host.locator('[part~="filter"][aria-pressed="false"]').first().click();
    await host.locator('[part~="search"]').fill('a');
    if (action === 'filter-focus') {
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
    }
  } else if (action === 'popup') {
    // The game's purchase, as the demo's "Buy in the game" button tells the wall.
    await page.locator('#buy').click();
    await host.locator('[part~="detail"]').waitFor();
  } else if (action === 'rewards') {
    // "My rewards", with the demo's seeded entries (one of each kind).
    await host.locator('[part~="tab"]').nth(1).click();
    await host.locator('[part~="reward"]').first().waitFor();
  } else if (action === 'started') {
    // The second offer tapped: its tab opens (closed again here), its card says Started.
    const opened = page.context().waitForEvent('page', { timeout: 3000 }).then((tab) => tab.close(), () => undefined);
    await host.locator('[part~="cta"]').nth(1).click();
    await opened;
    await host.locator('.started').waitFor();
  } else if (action === 'nomatch') {
    await host.locator('[part~="search"]').fill('zzz');
    await host.locator('[part~="empty"]').waitFor();
  }
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await imagesSettled(page, wall);
  await animationsDone(page, wall);
}

async function shoot(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) console.log(`[${name}] the page overflows sideways by ${overflow}px`);
  await page.screenshot({ path: `${args.out}/${name}.png` });
  console.log(`wrote ${args.out}/${name}.png`);
}

function watch(page, name) {
  page.on('pageerror', (error) => console.log(`[${name}] pageerror: ${error.message}`));
  page.on('console', (msg) => msg.type() === 'error' && console.log(`[${name}] console.error: ${msg.text()}`));
}

/** The README's pictures: the demo's first screen on a desktop, and one wall alone on a phone, dark. */
const DOCS_SHOTS = [
  ['demo-1280-light', SIZES[1280], 'theme=light', null],
  ['wall-390-dark', { width: 390, height: 844 }, 'theme=dark', 's2s'],
];

if (args.docs) {
  args.out = 'docs/images';
  args.only = 'docs:';
}
mkdirSync(args.out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // One browser context per size: msw's service worker is registered once and serves every page.
  for (const [width, viewport] of Object.entries(SIZES)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light' });
    for (const [state, { wall, query = '', wait, action }] of Object.entries(STATES)) {
      for (const theme of THEMES) {
        for (const [lang, locale] of Object.entries(LANGS)) {
          const name = `${state}-${width}-${theme}-${lang}`;
          if (args.only && !name.includes(args.only)) continue;
          // Once more if the page was reloaded under it (the dev server reloads on a source change).
          for (let attempt = 1; ; attempt++) {
            const page = await context.newPage();
            watch(page, name);
            try {
              await page.goto(`${args.base}?theme=${theme}&locale=${locale}${query ? `&${query}` : ''}`, { waitUntil: 'load' });
              await page.addStyleTag({ content: focusOn(wall) });
              await wallOf(page, wall).locator(`[part~="${wait}"]`).first().waitFor({ timeout: 15000 });
              if (wait === 'card') await imagesSettled(page, wall);
              if (action) await act(page, wall, action);
              await shoot(page, name);
              break;
            } catch (error) {
              if (attempt === 2) throw error;
              console.log(`[${name}] again: ${error.message.split('\n')[0]}`);
            } finally {
              await page.close();
            }
          }
        }
      }
    }
    await context.close();
  }

  if (args.docs) {
    for (const [name, viewport, query, wall] of DOCS_SHOTS) {
      const page = await browser.newPage({ viewport, colorScheme: 'light', deviceScaleFactor: 1 });
      watch(page, name);
      await page.goto(`${args.base}?${query}`, { waitUntil: 'load' });
      if (wall) await page.addStyleTag({ content: focusOn(wall) });
      for (const id of wall ? [wall] : ['s2s', 'appcharge']) {
        await wallOf(page, id).locator('[part~="card"]').first().waitFor();
        await imagesSettled(page, id);
      }
      await shoot(page, name);
      await page.close();
    }
  }

  for (const [name, viewport, query, scheme = 'light', scrollTo = null, action = null] of PAGE_SHOTS) {
    if (args.only && !name.includes(args.only)) continue;
    const page = await browser.newPage({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    watch(page, name);
    await page.goto(`${args.base}?${query}`, { waitUntil: 'load' });
    for (const wall of ['s2s', 'appcharge']) await wallOf(page, wall).locator('[part~="card"]').first().waitFor();
    if (scrollTo) await page.locator(scrollTo).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 8));
    for (const wall of ['s2s', 'appcharge']) await imagesSettled(page, wall);
    if (action) await act(page, 's2s', action);
    await shoot(page, name);
    await page.close();
  }
} finally {
  await browser.close();
}
