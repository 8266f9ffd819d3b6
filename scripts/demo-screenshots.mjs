// Screenshots of the running demo in each theme, layout, language and size, for a person to look
// at: `npx vite --port 5181 --strictPort &` then `node scripts/demo-screenshots.mjs [BASE] [ONLY]`.
// Writes screenshots/*.png (ignored by git). ONLY, a substring, takes just the shots it names.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base = 'http://localhost:5181/', only = ''] = process.argv.slice(2);
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };
const narrow = { width: 320, height: 720 };

/**
 * name, viewport, demo query (presets its form), the system's colour scheme, where to scroll
 * (a selector brought to the top; none keeps the page's top), and what to do before the shot.
 */
const shots = [
  ['desktop-en-light-list', desktop, 'theme=light'],
  ['desktop-en-dark-list', desktop, 'theme=dark'],
  ['desktop-en-light-grid', desktop, 'theme=light&layout=grid', 'light', '.walls'],
  ['desktop-en-dark-grid', desktop, 'theme=dark&layout=grid', 'light', '.walls'],
  ['desktop-en-auto-systemdark-list', desktop, '', 'dark'],
  ['desktop-ar-light-list', desktop, 'theme=light&locale=ar-EG', 'light', '.walls'],
  ['desktop-ar-dark-grid', desktop, 'theme=dark&layout=grid&locale=ar-EG', 'light', '.walls'],
  ['desktop-ja-light-grid', desktop, 'theme=light&layout=grid&locale=ja-JP', 'light', '.walls'],
  ['phone-en-light-top', phone, 'theme=light'],
  ['phone-en-light-list', phone, 'theme=light', 'light', '#s2s-title'],
  ['phone-en-dark-list', phone, 'theme=dark', 'light', '#s2s-title'],
  ['phone-en-dark-grid', phone, 'theme=dark&layout=grid', 'light', '#appcharge-title'],
  ['phone-ar-light-list', phone, 'theme=light&locale=ar-EG', 'light', '#s2s-title'],
  ['phone-ar-dark-grid', phone, 'theme=dark&layout=grid&locale=ar-EG', 'light', '#appcharge-title'],
  ['narrow320-en-light-list', narrow, 'theme=light', 'light', '#s2s-title'],
  ['narrow320-de-dark-top', narrow, 'theme=dark&locale=de-DE'],
  ['desktop-en-light-detail', desktop, 'theme=light', 'light', null, 'detail'],
  ['desktop-ar-dark-detail', desktop, 'theme=dark&locale=ar-EG', 'light', null, 'detail'],
  ['phone-en-dark-detail', phone, 'theme=dark', 'light', '#s2s-title', 'detail'],
  ['phone-ar-light-detail', phone, 'theme=light&locale=ar-EG', 'light', '#s2s-title', 'detail'],
  ['desktop-en-light-filtered', desktop, 'theme=light', 'light', '.walls', 'filter'],
  ['desktop-en-dark-filtered-focus', desktop, 'theme=dark&layout=grid', 'light', '.walls', 'filter-focus'],
  ['phone-en-light-filtered', phone, 'theme=light', 'light', '#s2s-title', 'filter'],
  ['phone-ar-dark-filtered', phone, 'theme=dark&locale=ar-EG', 'light', '#s2s-title', 'filter'],
  ['phone-en-light-nomatch', phone, 'theme=light', 'light', '#s2s-title', 'nomatch'],
];

mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [name, viewport, query, scheme = 'light', scrollTo = null, action = null] of shots) {
    if (only && !name.includes(only)) continue;
    const page = await browser.newPage({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => console.log(`[${name}] pageerror: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && console.log(`[${name}] console.error: ${msg.text()}`));
    await page.goto(`${base}?${query}`, { waitUntil: 'networkidle' });
    await page.locator('#wall-s2s [part~="card"]').first().waitFor();
    await page.locator('#wall-appcharge [part~="card"]').first().waitFor();
    await page.waitForTimeout(600); // icons
    if (scrollTo) await page.locator(scrollTo).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 8));
    await page.waitForTimeout(600); // icons below the first screen load lazily
    if (action === 'detail') {
      await page.locator('#wall-s2s [part~="card"]').nth(1).locator('.payout').click();
      await page.locator('#wall-s2s [part~="detail"]').waitFor();
      await page.waitForTimeout(400);
    } else if (action?.startsWith('filter') || action === 'nomatch') {
      await page.locator('#wall-s2s [part~="filter"]').first().click();
      await page.locator('#wall-s2s [part~="search"]').fill(action === 'nomatch' ? 'zzz' : 'a');
      if (action === 'filter-focus') {
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
      }
      await page.waitForTimeout(500);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) console.log(`[${name}] the page overflows sideways by ${overflow}px`);
    await page.screenshot({ path: `screenshots/${name}.png` });
    console.log(`wrote screenshots/${name}.png`);
    await page.close();
  }
} finally {
  await browser.close();
}
