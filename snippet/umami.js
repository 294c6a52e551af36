/* Trechter's drop-in for an Umami tag: the site keeps its tag and points its src here.
 *
 *   <script defer src="https://HOST/script.js" data-website-id="UMAMI-WEBSITE-ID"></script>
 *   Umami's attributes: data-host-url, data-auto-track="false", data-domains, data-tag,
 *   data-exclude-search, data-exclude-hash; data-umami-event="name" (+ data-umami-event-*) on clicks;
 *   window.umami.track(name, data) / track(payload) / track(fn) and window.umami.identify(id, data).
 *
 * Sends Umami's own wire format ({ type, payload }) to /api/send. The visitor id is Umami's own
 * (`umami.visitor` in localStorage), so visitors keep their id across the switch. Do Not Track and
 * Global Privacy Control: nothing is sent and nothing is stored.
 */
import { inOrder } from "./in-order.js";

(function (w, d) {
  var script = d.currentScript;
  if (!script) return;
  var attr = function (n) {
    return script.getAttribute("data-" + n);
  };
  var website = attr("website-id");
  var host = attr("host-url");
  try {
    host = (host || new URL(script.src).origin).replace(/\/$/, "");
  } catch (e) {
    return;
  }
  var nav = w.navigator;
  var l = w.location;
  var domains = (attr("domains") || "").split(",").map(function (s) {
    return s.trim();
  });
  var off =
    !website ||
    /^(1|yes)$/.test(nav.doNotTrack || w.doNotTrack || nav.msDoNotTrack) ||
    nav.globalPrivacyControl === true ||
    (domains[0] && domains.indexOf(l.hostname) < 0);
  var vid;
  try {
    vid = w.localStorage.getItem("umami.visitor");
    if (!vid && !off) w.localStorage.setItem("umami.visitor", (vid = w.crypto.randomUUID()));
  } catch (e) {
    /* storage refused (Safari private mode): the server hashes the visitor instead */
  }
  var identity;

  function clean(raw) {
    try {
      var u = new URL(raw, l.href);
      if (attr("exclude-search") === "true") u.search = "";
      if (attr("exclude-hash") === "true") u.hash = "";
      return u.toString();
    } catch (e) {
      return raw;
    }
  }
  var url = clean(l.href);
  var ref = d.referrer.indexOf(l.origin) === 0 ? "" : clean(d.referrer);

  function base() {
    return {
      website: website,
      screen: w.screen.width + "x" + w.screen.height,
      language: nav.language,
      title: d.title,
      hostname: l.hostname,
      url: url,
      referrer: ref,
      tag: attr("tag") || undefined,
      id: identity,
      vid: vid || undefined,
    };
  }
  var queue = inOrder(w); // one request at a time, in call order (in-order.js)
  function send(payload, type) {
    if (off || !payload || !w.fetch) return Promise.resolve();
    var body = JSON.stringify({ type: type || "event", payload: payload });
    return new Promise(function (done) {
      queue(function () {
        return w
          .fetch(host + "/api/send", { method: "POST", keepalive: true, headers: { "Content-Type": "application/json" }, body: body })
          .catch(function () {})
          .then(done);
      });
    });
  }
  function track(name, data) {
    if (typeof name === "string") {
      var p = base();
      p.name = name;
      p.data = data;
      return send(p);
    }
    if (typeof name === "function") return send(name(base()));
    return send(name && typeof name === "object" ? name : base());
  }
  w.umami = {
    track: track,
    identify: function (id, data) {
      if (typeof id === "string") identity = id;
      var p = base();
      p.data = typeof id === "object" ? id : data;
      return send(p, "identify");
    },
  };

  function moved(_s, _t, to) {
    if (!to) return;
    ref = url;
    url = clean(new URL(to, l.href).toString());
    if (url !== ref) setTimeout(track, 300);
  }
  ["pushState", "replaceState"].forEach(function (fn) {
    var orig = w.history[fn];
    w.history[fn] = function () {
      moved.apply(null, arguments);
      return orig.apply(this, arguments);
    };
  });
  d.addEventListener(
    "click",
    function (e) {
      var el = e.target.closest && e.target.closest("[data-umami-event]");
      if (!el) return;
      var data = {};
      el.getAttributeNames().forEach(function (n) {
        var m = n.match(/^data-umami-event-([\w-]+)$/);
        if (m) data[m[1]] = el.getAttribute(n);
      });
      track(el.getAttribute("data-umami-event"), data);
    },
    true,
  );
  if (attr("auto-track") !== "false") track();
})(window, document);
