// Times, the same way on the wall page and the floor page, when the first offer was painted: each
// animation frame checks whether it is on screen, and a message posted from that frame runs once
// it has painted. The times are taken from the moment the page asked for the feed and from the
// moment its answer's headers arrived, both noted by wrapping fetch: resource timing has an entry
// for the feed only once the whole answer is in, and the wall paints before that.
(function () {
  var feed = (window.__feed = {});
  var fetch = window.fetch;
  window.fetch = function (input) {
    var url = String(input && input.url ? input.url : input);
    var asked = performance.now();
    var promise = fetch.apply(this, arguments);
    if (!/\/(feed|offers)\?/.test(url) || feed.asked !== undefined) return promise;
    feed.asked = asked;
    return promise.then(function (response) {
      feed.headers = performance.now();
      return response;
    });
  };
  function shown() {
    var wall = document.querySelector('offer-wall');
    if (wall) return !!(wall.shadowRoot && wall.shadowRoot.querySelector('[part~="card"]'));
    var name = document.getElementById('name');
    return !!(name && name.textContent);
  }
  function poll() {
    requestAnimationFrame(function () {
      if (!shown()) return poll();
      var channel = new MessageChannel();
      channel.port1.onmessage = function () {
        var painted = performance.now();
        window.__firstPaint = { painted: painted, fromAsked: painted - feed.asked, fromHeaders: painted - feed.headers };
      };
      channel.port2.postMessage(0);
    });
  }
  poll();
  // Once the whole answer is in: the first paint after (or, negative, before) its last byte.
  window.__afterEnd = function () {
    var entry = performance.getEntriesByType('resource').find(function (e) {
      return /\/(feed|offers)\?/.test(e.name);
    });
    return entry && window.__firstPaint ? { ms: window.__firstPaint.painted - entry.responseEnd, bytes: entry.encodedBodySize } : null;
  };
})();
