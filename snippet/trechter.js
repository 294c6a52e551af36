/* Trechter tracking snippet: page views (also on client-side navigation), trechter.track,
 * trechter.identify, UTM capture, an anonymous id in first-party storage, no cookies, Do Not
 * Track respected. Sends the Segment wire format to /v1/batch with sendBeacon or keepalive fetch.
 *
 *   <script defer src="https://HOST/t.js" data-key="WRITE_KEY"></script>
 *   optional data-api="https://host" (default: the script's own origin)
 *   calls made before it loads: window.trechter = window.trechter || []; trechter.push(["track", "signup", {}]);
 */
(function (w, d) {
  var script = d.currentScript || d.querySelector("script[data-key]");
  if (!script) return;
  var key = script.getAttribute("data-key");
  var api = script.getAttribute("data-api");
  try {
    api = (api || new URL(script.src).origin).replace(/\/$/, "");
  } catch (e) {
    return;
  }
  var nav = w.navigator;
  var queued = Array.isArray(w.trechter) ? w.trechter : [];
  // Do Not Track and Global Privacy Control: nothing is sent and nothing is stored.
  var dnt = /^(1|yes)$/.test(nav.doNotTrack || w.doNotTrack || nav.msDoNotTrack) || nav.globalPrivacyControl === true;

  function store(kind) {
    try {
      var s = w[kind];
      s.setItem("_t", "1");
      s.removeItem("_t");
      return s;
    } catch (e) {
      return null;
    }
  }
  var local = store("localStorage");
  var session = store("sessionStorage");
  var memory = {};
  function get(s, k) {
    return s ? s.getItem(k) : memory[k];
  }
  function put(s, k, v) {
    if (dnt) return;
    s ? s.setItem(k, v) : (memory[k] = v);
  }
  function uuid() {
    return w.crypto && w.crypto.randomUUID
      ? w.crypto.randomUUID()
      : "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
          var r = (Math.random() * 16) | 0;
          return (c === "x" ? r : (r & 3) | 8).toString(16);
        });
  }
  var ids = local || session;
  var anon = get(ids, "trechter_aid");
  var userId = get(ids, "trechter_uid") || undefined;

  // UTM tags of the landing page stay with the visit, so later events carry them too.
  var campaign = JSON.parse(get(session, "trechter_utm") || "null");
  function captureUtm() {
    var q = new URLSearchParams(w.location.search);
    var c = {};
    var found = false;
    ["source", "medium", "campaign", "term", "content"].forEach(function (k) {
      var v = q.get("utm_" + k);
      if (v) {
        c[k === "campaign" ? "name" : k] = v;
        found = true;
      }
    });
    if (found) {
      campaign = c;
      put(session, "trechter_utm", JSON.stringify(c));
    }
  }

  // The page a view came from: the document's referrer on load, the previous url after a
  // client-side navigation (as a full page load on the same site would report it).
  var referrer = d.referrer;
  var lastUrl;
  function context() {
    var l = w.location;
    var c = {
      page: { path: l.pathname, url: l.href, referrer: referrer, title: d.title, search: l.search },
      userAgent: nav.userAgent,
      locale: nav.language,
      library: { name: "trechter.js", version: "1.1.0" },
    };
    // Headless browsers now send an ordinary user agent; automation still shows in navigator.webdriver.
    if (nav.webdriver) c.automation = true;
    if (campaign) c.campaign = campaign;
    return c;
  }

  // Timestamps strictly increase, so events sent in quick succession keep their order.
  var last = 0;
  function send(msg) {
    if (dnt) return;
    if (!anon) put(ids, "trechter_aid", (anon = uuid()));
    last = Math.max(Date.now(), last + 1);
    var now = new Date(last).toISOString();
    msg.messageId = uuid();
    msg.anonymousId = anon;
    if (userId) msg.userId = userId;
    msg.timestamp = now;
    msg.context = context();
    var body = JSON.stringify({ writeKey: key, sentAt: now, batch: [msg] });
    var url = api + "/v1/batch";
    if (!(nav.sendBeacon && nav.sendBeacon(url, new Blob([body], { type: "text/plain" })))) {
      w.fetch &&
        w.fetch(url, { method: "POST", body: body, keepalive: true, headers: { "content-type": "text/plain" } }).catch(function () {});
    }
  }

  var lastPath;
  function page() {
    captureUtm();
    var l = w.location;
    if (l.pathname + l.search === lastPath) return;
    if (lastUrl) referrer = lastUrl;
    lastPath = l.pathname + l.search;
    lastUrl = l.href;
    send({ type: "page", properties: { path: l.pathname, url: l.href, referrer: referrer, title: d.title, search: l.search } });
  }

  var trechter = {
    page: function () {
      lastPath = null;
      page();
    },
    track: function (event, properties) {
      send({ type: "track", event: event, properties: properties || {} });
    },
    identify: function (id, traits) {
      if (id) put(ids, "trechter_uid", (userId = String(id)));
      send({ type: "identify", traits: traits || {} });
    },
    reset: function () {
      userId = anon = undefined;
      if (ids) (ids.removeItem("trechter_uid"), ids.removeItem("trechter_aid"));
    },
    // The queue's push keeps working after load, for code that only knows the stub.
    push: function (call) {
      var fn = trechter[call[0]];
      fn && fn.apply(null, [].slice.call(call, 1));
    },
  };
  w.trechter = trechter;

  // Single-page apps: wrap history so client-side navigations count as page views.
  ["pushState", "replaceState"].forEach(function (fn) {
    var orig = w.history[fn];
    w.history[fn] = function () {
      var r = orig.apply(this, arguments);
      setTimeout(page, 0);
      return r;
    };
  });
  w.addEventListener("popstate", page);

  page();
  queued.forEach(trechter.push);
})(window, document);
