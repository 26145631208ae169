// The sampler's service worker: keeps the sampler page (/testing-rounds/{id}/sample) and the app's scripts and styles
// so that the page reloads without a network. Network first: online, everything is fresh; offline, the last copy.
// The scans themselves never pass through here: js/sampler.js queues them in IndexedDB.
var CACHE = 'gridguard-sampler-v2';

self.addEventListener('install', function (e) {
  self.skipWaiting();
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(['/css/app.css', '/js/sampler.js', '/js/camera-scan.js', '/js/lib/jsQR.js', '/_framework/blazor.web.js']).catch(function () { });
  }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys()
    .then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
    })
    .then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (e) {
  var request = e.request;
  var url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }

  var page = /^\/testing-rounds\/[0-9a-fA-F-]{36}\/sample$/.test(url.pathname);
  var asset = /^\/(css|js|_framework)\//.test(url.pathname);
  if (!page && !asset) {
    return;
  }

  e.respondWith(fetch(request)
    .then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (c) { c.put(request, copy); });
      }

      return response;
    })
    .catch(function () {
      return caches.match(request, { ignoreSearch: page }).then(function (hit) {
        return hit || new Response('离线：此页面尚未缓存，请联网后再打开一次。', {
          status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        });
      });
    }));
});
