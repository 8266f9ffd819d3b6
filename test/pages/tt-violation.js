// A plain string into innerHTML: refused (TypeError, and a violation report) where the page's
// policy requires Trusted Types and the engine enforces them. Caught, so the page goes on.
try {
  document.createElement('div').innerHTML = '<b>not trusted</b>';
} catch {
  // refused, as it should be
}
