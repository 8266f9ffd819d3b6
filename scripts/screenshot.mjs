// Takes a screenshot of a page in Debian's headless Chromium (or $CHROME_PATH), printing the
// page's console: `node scripts/screenshot.mjs URL OUT.png [width] [height] [colorScheme]`.
import { chromium } from 'playwright-core';

const [url = 'http://localhost:5173/', out = 'screenshot.png', width = '1400', height = '1300', scheme = 'light'] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, colorScheme: scheme });
  page.on('console', (msg) => console.log(`[console.${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (error) => console.log(`[pageerror] ${error.message}`));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out, fullPage: false });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
