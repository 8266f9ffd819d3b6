// Times, the same way on the wall page and the floor page, how long after the feed's response
// arrived (its resource timing responseEnd) the first offer was painted: each animation frame
// checks whether it is on screen, and a message posted from that frame runs once it has painted.
(function () {
  function shown() {
    const wall = document.querySelector('offer-wall');
    if (wall) return !!(wall.shadowRoot && wall.shadowRoot.querySelector('[part~="card"]'));
    const name = document.getElementById('name');
    return !!(name && name.textContent);
  }
  function poll() {
    requestAnimationFrame(() => {
      if (!shown()) return poll();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const painted = performance.now();
        const feed = performance.getEntriesByType('resource').find((e) => e.name.includes('/feed'));
        window.__firstPaint = { ms: painted - feed.responseEnd, bytes: feed.encodedBodySize };
      };
      channel.port2.postMessage(0);
    });
  }
  poll();
})();
