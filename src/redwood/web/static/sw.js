// Redwood's service worker (served as /sw.js, scope "/"): the app opens with no network.
// - The shell (CSS, JS, icons, the offline page) is precached in a cache named after the
//   release and a hash of the files; a new one replaces the old on activation.
// - Pages are network-first: each good answer of Today, the plan (and any page visited) is
//   kept, stamped with the time it was downloaded; with no network the kept one is shown,
//   else the offline page. Static files are cache-first.
// - Nothing else is touched: the API and every POST go to the network as they are (the
//   page queues what cannot be sent). Log-out drops the kept pages.
"use strict";
var CONFIG = /*CONFIG*/{};
var SHELL = "redwood-shell-" + CONFIG.version;
var PAGES = "redwood-pages";
var STAMP = "x-redwood-saved-at";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll(CONFIG.shell);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf("redwood-shell-") === 0 && n !== SHELL;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }).then(keepPages));
});

// Download Today and the plan for a signed-in lifter (a visitor gets the log-in page: not kept).
function keepPages() {
  return Promise.all(CONFIG.pages.map(function (path) {
    return fetch(path, { credentials: "same-origin", redirect: "manual" })
      .then(function (r) { return keep(path, r); })
      .catch(function () { /* offline now: kept on the next visit */ });
  }));
}

function keep(path, response) {
  if (!response || response.status !== 200 || response.type !== "basic") { return null; }
  var type = response.headers.get("content-type") || "";
  if (type.indexOf("text/html") !== 0) { return null; }
  return response.clone().text().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(STAMP, String(Date.now()));
    return caches.open(PAGES).then(function (cache) {
      return cache.put(path, new Response(body, { status: 200, headers: headers }));
    });
  });
}

function page(event, url) {
  var path = url.pathname;
  return fetch(event.request).then(function (response) {
    if (!response.redirected) { event.waitUntil(keep(path, response)); }
    else if (new URL(response.url).pathname === "/login") {
      event.waitUntil(caches.delete(PAGES));  // signed out: nothing of theirs stays
    }
    return response;
  }).catch(function () {
    return caches.open(PAGES).then(function (cache) { return cache.match(path); })
      .then(function (kept) {
        return kept || caches.match(CONFIG.offline, { cacheName: SHELL });
      })
      .then(function (found) {
        return found || new Response("Offline", { status: 503,
                                                  headers: { "content-type": "text/plain" } });
      });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === "POST" && url.pathname === "/logout") {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET" || url.pathname.indexOf("/api/") === 0) { return; }
  if (request.mode === "navigate") { event.respondWith(page(event, url)); return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request, { ignoreSearch: true }).then(function (hit) {
      return hit || fetch(request);
    }));
  }
});

self.addEventListener("message", function (event) {
  if (event.data === "keep-pages") { event.waitUntil(keepPages()); }
});
