/* Trechter's drop-in for a Plausible tag: the site keeps its tag and points its src here.
 *
 *   <script defer data-domain="example.nl" src="https://HOST/js/script.js"></script>
 *   optional data-api="https://host/api/event" (default: this script's origin + /api/event)
 *   the script names Plausible uses pick features: *.hash.* (hash routing), *.manual.* (no automatic page views)
 *   calls made before it loads: window.plausible = window.plausible || function () { (plausible.q = plausible.q || []).push(arguments) }
 *
 * Sends Plausible's own wire format ({n, u, d, r, p, $, h}) to /api/event, as Plausible's script
 * does: no cookies, nothing stored in the browser (the server counts visitors with a daily hash).
 * Do Not Track and Global Privacy Control: nothing is sent. Like Plausible's script, nothing is sent
 * from a browser driven by automation unless the page sets window.__plausible.
 */
import { inOrder } from "./in-order.js";

(function (w, d) {
  var script = d.currentScript;
  if (!script) return;
  var domain = script.getAttribute("data-domain") || w.location.hostname;
  var endpoint = script.getAttribute("data-api");
  try {
    endpoint = endpoint || new URL(script.src).origin + "/api/event";
  } catch (e) {
    return;
  }
  var name = script.src.split("/").pop() || "";
  var hashMode = /\.hash\./.test(name);
  var manual = /\.manual\./.test(name);
  var nav = w.navigator;
  var off =
    /^(1|yes)$/.test(nav.doNotTrack || w.doNotTrack || nav.msDoNotTrack) ||
    nav.globalPrivacyControl === true ||
    ((nav.webdriver || w._phantom || w.__nightmare || w.Cypress) && !w.__plausible);
  var queued = (w.plausible && w.plausible.q) || [];

  var queue = inOrder(w); // one request at a time, in call order (in-order.js)

  function plausible(event, options) {
    options = options || {};
    if (off) return options.callback && options.callback();
    var payload = { n: event, u: options.u || w.location.href, d: domain, r: d.referrer || null };
    if (options.props) payload.p = options.props;
    if (options.revenue) payload.$ = options.revenue;
    if (hashMode) payload.h = 1;
    var done = function (r) {
      options.callback && options.callback(r);
    };
    if (!w.fetch) return;
    var body = JSON.stringify(payload);
    queue(function () {
      return w.fetch(endpoint, { method: "POST", keepalive: true, headers: { "Content-Type": "text/plain" }, body: body }).then(
        function (r) {
          done({ status: r.status });
        },
        function (error) {
          done({ error: error });
        },
      );
    });
  }
  w.plausible = plausible;

  var last;
  function page() {
    var l = w.location;
    var at = l.pathname + l.search + (hashMode ? l.hash : "");
    if (at === last) return;
    last = at;
    plausible("pageview");
  }
  if (!manual) {
    var push = w.history.pushState;
    w.history.pushState = function () {
      push.apply(this, arguments);
      page();
    };
    w.addEventListener("popstate", page);
    if (hashMode) w.addEventListener("hashchange", page);
    page();
  }
  for (var i = 0; i < queued.length; i++) plausible.apply(null, queued[i]);
})(window, document);
