/**
 * The wall in pages we do not control, each a real page in an iframe, served by the test server:
 * strict Content-Security-Policy (with and without Trusted Types), every way of loading the
 * script, the script loaded twice, and a host page whose global CSS is hostile. The pages load only
 * dist/offer-wall.js and report through test/pages/harness.js.
 */
import { expect } from '@open-wc/testing';

interface WallReport {
  defined: boolean;
  lang: string | null;
  ctaLabel: string | null;
  tabs: string[];
  cards: number;
  titles: string[];
  titleFontSize: string | null;
  titleTransform: string | null;
  titleLetterSpacing: string | null;
  ctaVisible: boolean;
  iconVisible: boolean;
  payoutVisible: boolean;
  cardHeight: number;
  event: string;
  error: unknown;
}
interface PageReport {
  violations: string[];
  uncaught: string[];
  walls: Record<string, WallReport>;
  /** The wall's files the page loaded (paths). */
  files: string[];
}

async function openPage(path: string): Promise<PageReport> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '900px';
  const report = new Promise<PageReport>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path} sent no report`)), 10000);
    window.addEventListener('message', function onMessage(event: MessageEvent) {
      if (event.source !== frame.contentWindow || event.data?.type !== 'offer-wall-page') return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve(event.data.report as PageReport);
    });
  });
  frame.src = path;
  document.body.append(frame);
  try {
    return await report;
  } finally {
    frame.remove();
  }
}

function expectBothWallsShown(report: PageReport): void {
  expect(report.uncaught).to.deep.equal([]);
  expect(report.walls['s2s']).to.deep.include({ defined: true, event: 'offer-wall-load', cards: 3 });
  expect(report.walls['appcharge']).to.deep.include({ defined: true, event: 'offer-wall-load', cards: 2 });
  expect(report.walls['s2s']!.titles[0]).to.equal('Plus500: CFD Online Trading on Forex and Stocks');
}

// Current Chromium, Firefox and WebKit all enforce Trusted Types. An engine without them ignores
// the directive: the wall must still show (the test runs, and its title says so), and the proof
// that the directive is enforced cannot run there.
const trustedTypes = 'trustedTypes' in window;
const noTrustedTypes = trustedTypes ? '' : ' (this engine has no Trusted Types: the directive is ignored)';

describe('strict pages', () => {
  it(`works under "default-src 'self'; img-src * data:" without a single CSP violation`, async () => {
    const report = await openPage('/test/pages/classic.html?csp=strict');
    expectBothWallsShown(report);
    expect(report.violations).to.deep.equal([]);
  });

  it(`works when that policy adds "require-trusted-types-for 'script'"${noTrustedTypes}`, async () => {
    const report = await openPage('/test/pages/classic.html?csp=trusted-types');
    expectBothWallsShown(report);
    expect(report.violations).to.deep.equal([]);
  });

  (trustedTypes ? it : it.skip)(
    `sees a Trusted Types violation when a page gives innerHTML a string (the check above can fail)${
      trustedTypes ? '' : ' (skipped: this engine has no Trusted Types)'
    }`,
    async () => {
      const report = await openPage('/test/pages/tt-violation.html?csp=trusted-types');
      expectBothWallsShown(report);
      expect(report.violations.length).to.be.greaterThan(0);
      expect(report.violations[0]).to.match(/^require-trusted-types-for/);
    },
  );

  it('sees a violation when a page breaks its policy (the check above can fail)', async () => {
    const report = await openPage('/test/pages/violation.html?csp=strict');
    expectBothWallsShown(report);
    expect(report.violations.length).to.be.greaterThan(0);
    expect(report.violations[0]).to.match(/^style-src/);
  });
});

describe('loading the script', () => {
  for (const [page, how] of [
    ['classic', 'a classic script in the head'],
    ['defer', 'a deferred script'],
    ['module', 'a module script'],
    ['after', 'a script placed after the elements'],
    ['twice', 'the script loaded twice (classic, classic, module)'],
  ] as const) {
    it(`defines the element and shows both walls with ${how}`, async () => {
      const report = await openPage(`/test/pages/${page}.html?csp=strict`);
      expectBothWallsShown(report);
      expect(report.violations).to.deep.equal([]);
    });
  }
});

/**
 * The pages of test/pages/chunks*.html and full.html: a German wall (its texts a chunk) and a wall
 * with rewards on (the rewards view a chunk), both shown in full, the rewards tab counting the
 * pending reward of test/pages/rewards.json.
 */
function expectChunkedWallsShown(report: PageReport): void {
  expect(report.uncaught).to.deep.equal([]);
  expect(report.violations).to.deep.equal([]);
  const german = report.walls['s2s']!;
  expect(german).to.deep.include({ defined: true, event: 'offer-wall-load', cards: 3, lang: 'de-DE' });
  expect(german.ctaLabel).to.match(/^Plus500: .* starten, Belohnung: /);
  const rewards = report.walls['appcharge']!;
  expect(rewards).to.deep.include({ defined: true, event: 'offer-wall-load', cards: 2 });
  expect(rewards.tabs).to.deep.equal(['Offers', 'My rewards 1 Pending']);
}

const CHUNK = (name: string) => new RegExp(`/offer-wall\\.${name}\\.[0-9a-f]{8}\\.js$`);

describe('chunks', () => {
  for (const csp of ['strict', 'trusted-types'] as const) {
    it(`loads a language and the rewards view from the script's own folder, with no new CSP source (${csp})${csp === 'trusted-types' ? noTrustedTypes : ''}`, async () => {
      const report = await openPage(`/test/pages/chunks.html?csp=${csp}`);
      expectChunkedWallsShown(report);
      expect(report.files.filter((path) => CHUNK('de').test(path) || CHUNK('rewards').test(path)).map((path) => path.slice(0, 6))).to.deep.equal(['/dist/', '/dist/']);
      // The appcharge wall (format auto) asked for its store's two chunks once its answer showed what it is.
      expect(report.files.filter((path) => CHUNK('(?:appcharge|store)').test(path)).map((path) => path.slice(0, 6))).to.deep.equal(['/dist/', '/dist/']);
      // Only what these walls use: no other language.
      expect(report.files.filter((path) => CHUNK('(?:es|pt|fr|ja|ar)').test(path))).to.deep.equal([]);
    });
  }

  it('finds its folder from a module script too (which has no currentScript)', async () => {
    const report = await openPage('/test/pages/chunks-module.html?csp=strict');
    expectChunkedWallsShown(report);
    expect(report.files.some((path) => path.startsWith('/dist/') && CHUNK('de').test(path))).to.equal(true);
  });

  it('loads its chunks from the folder data-chunks names', async () => {
    const report = await openPage('/test/pages/chunks-elsewhere.html?csp=strict');
    expectChunkedWallsShown(report);
    const chunks = report.files.filter((path) => CHUNK('(?:de|rewards|appcharge|store)').test(path));
    expect(chunks).to.have.length(4);
    for (const path of chunks) expect(path).to.match(/^\/elsewhere\/chunks\/offer-wall\./);
  });

  for (const csp of ['strict', 'trusted-types'] as const) {
    it(`dist/offer-wall.full.js, pinned with Subresource Integrity, is the whole wall in one file (${csp})${csp === 'trusted-types' ? noTrustedTypes : ''}`, async () => {
      const report = await openPage(`/test/pages/full.html?csp=${csp}`);
      expectChunkedWallsShown(report);
      expect(report.files).to.deep.equal(['/dist/offer-wall.full.js']);
    });
  }
});

describe('host pages', () => {
  it('is not broken by the host’s global CSS (`*` rules, hidden img/li/button, huge fonts)', async () => {
    const plain = await openPage('/test/pages/classic.html');
    const hostile = await openPage('/test/pages/host-css.html');
    expectBothWallsShown(hostile);
    for (const id of ['s2s', 'appcharge'] as const) {
      const wall = hostile.walls[id]!;
      expect(wall.ctaVisible, `${id} cta`).to.equal(true);
      expect(wall.iconVisible, `${id} icon`).to.equal(true);
      expect(wall.titleFontSize, `${id} title size`).to.equal(plain.walls[id]!.titleFontSize);
      expect(wall.titleTransform).to.equal('none');
      expect(wall.titleLetterSpacing).to.equal('normal');
      expect(wall.cardHeight, `${id} card height`).to.equal(plain.walls[id]!.cardHeight);
    }
    expect(hostile.walls['s2s']!.payoutVisible).to.equal(true);
  });
});
