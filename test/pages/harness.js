// Reports what happened on a test page to the test that framed it: for every <offer-wall>, its
// cards, its language and a few computed styles once it loaded or failed (a wall with rewards on,
// once its rewards tab counts what is pending: the rewards chunk and the list are in); every CSP
// violation; every uncaught error; the wall's files the page loaded. Loaded first, as a classic
// script, so it sees everything.
(function () {
  const report = { violations: [], uncaught: [], walls: {} };
  document.addEventListener('securitypolicyviolation', (e) => {
    report.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
  });
  window.addEventListener('error', (e) => report.uncaught.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => report.uncaught.push(String(e.reason)));

  function describe(wall) {
    const root = wall.shadowRoot;
    const q = (part) => (root ? root.querySelector(`[part~="${part}"]`) : null);
    const box = (el) => (el ? el.getBoundingClientRect() : null);
    const style = (el, prop) => (el ? getComputedStyle(el)[prop] : null);
    const title = q('title');
    const cta = q('cta');
    return {
      defined: !!customElements.get('offer-wall') && wall instanceof customElements.get('offer-wall'),
      lang: q('base') ? q('base').getAttribute('lang') : null,
      ctaLabel: cta ? cta.getAttribute('aria-label') : null,
      tabs: root ? [...root.querySelectorAll('[part~="tab"]')].map((t) => t.textContent.trim().replace(/\s+/g, ' ')) : [],
      cards: root ? root.querySelectorAll('[part~="card"]').length : 0,
      titles: root ? [...root.querySelectorAll('[part~="title"]')].map((t) => t.textContent) : [],
      titleFontSize: style(title, 'fontSize'),
      titleTransform: style(title, 'textTransform'),
      titleLetterSpacing: style(title, 'letterSpacing'),
      ctaVisible: !!cta && box(cta).height > 0 && style(cta, 'display') !== 'none',
      iconVisible: !!q('icon') && box(q('icon')).width > 0,
      payoutVisible: !!q('payout') && box(q('payout')).height > 0,
      cardHeight: box(q('card')) ? Math.round(box(q('card')).height) : 0,
    };
  }

  // Sent once the page is parsed and every wall in it has settled. A wall can settle before the
  // page is parsed (a slow module script holds DOMContentLoaded back), so both are checked.
  let parsed = false;
  function sendWhenAllSettled() {
    if (parsed && [...document.querySelectorAll('offer-wall')].every((wall) => report.walls[wall.id])) send();
  }
  function settle(event, wall, waited = 0) {
    if (!(wall instanceof HTMLElement) || wall.localName !== 'offer-wall' || report.walls[wall.id]) return;
    const badge = wall.shadowRoot && wall.shadowRoot.querySelector('[part~="tab"] .badge');
    if (event.type === 'offer-wall-load' && wall.hasAttribute('rewards-endpoint') && !badge && waited < 5000) {
      setTimeout(() => settle(event, wall, waited + 50), 50);
      return;
    }
    report.walls[wall.id] = { ...describe(wall), event: event.type, error: event.detail.error || null };
    sendWhenAllSettled();
  }
  // Measured a moment later, once the cards have been laid out; the target is read now, while
  // the event is being dispatched.
  for (const type of ['offer-wall-load', 'offer-wall-error']) {
    document.addEventListener(type, (e) => {
      const wall = e.target;
      setTimeout(() => settle(e, wall), 50);
    });
  }

  let sent = false;
  function send() {
    if (sent) return;
    sent = true;
    report.files = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => /\/offer-wall\.[^/]*js$/.test(path));
    parent.postMessage({ type: 'offer-wall-page', report }, location.origin);
  }
  document.addEventListener('DOMContentLoaded', () => {
    parsed = true;
    setTimeout(sendWhenAllSettled, 50);
  });
  setTimeout(send, 8000);
})();
