/* One request at a time, in the order the calls were made, for the drop-ins (umami.js, plausible.js;
 * scripts/build-snippet.mjs bundles it into each): the server times an event when it arrives, so two
 * requests in flight at once (a click, then identify) could be stored the other way round and break a
 * funnel's order. A request unanswered after 3 s lets the next one go; when the page is left, whatever
 * still waits goes at once (keepalive carries it past the unload).
 *
 * inOrder(window) returns queue(start): start() begins one request and returns a promise that settles
 * when it is answered or has failed.
 */
export function inOrder(w) {
  var waiting = [];
  var busy;
  function next() {
    if (busy || !waiting.length) return;
    var item = (busy = waiting.shift());
    var release = function () {
      if (busy === item) {
        busy = null;
        next();
      }
    };
    setTimeout(release, 3000);
    item().then(release, release);
  }
  w.addEventListener("pagehide", function () {
    while (waiting.length) waiting.shift()();
  });
  return function (start) {
    waiting.push(start);
    next();
  };
}
