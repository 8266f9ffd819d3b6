// Points the wall at the feed of the size this page was asked for: the bench server's own
// (/feed), or the endpoint given (the proxy's); notes when the page has been loaded whole.
const query = new URLSearchParams(location.search);
const n = query.get('n');
const wall = document.querySelector('offer-wall');
wall.setAttribute('page-size', n);
if (query.get('timeout')) wall.setAttribute('timeout', query.get('timeout'));
if (query.get('locale')) wall.setAttribute('locale', query.get('locale'));
wall.setAttribute('endpoint', query.get('endpoint') || `/feed?n=${n}`);
wall.addEventListener('offer-wall-load', () => (window.__loaded = true));
