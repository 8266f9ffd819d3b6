// Points the wall at the feed of the size this page was asked for.
const n = new URLSearchParams(location.search).get('n');
const wall = document.querySelector('offer-wall');
wall.setAttribute('page-size', n);
wall.setAttribute('endpoint', `/feed?n=${n}`);
