// Tandem's service worker: the app shell stays available without a connection, so a person in the field can
// reopen the support form (and its outbox) after a reload with no network. The API and the live socket are
// never cached: pages read fresh data, and the outbox sends with the device online.
const CACHE = "tandem-shell-v2";
const NEVER = ["/graphql", "/_event", "/_upload", "/attachments", "/ping", "/_health"];

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

// The page that registered us lists what it loaded before we were in control.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "cache-urls") return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const url of event.data.urls) {
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (response.ok) await cache.put(url, response);
      } catch (error) {
        // offline already: the next visit caches it
      }
    }
    if (event.source) event.source.postMessage({ type: "cached" });
  })());
});

function cacheable(request) {
  const url = new URL(request.url);
  return request.method === "GET" && url.origin === self.location.origin
    && !NEVER.some((prefix) => url.pathname.startsWith(prefix));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!cacheable(request)) return;
  if (request.mode === "navigate") {
    // Pages: the network first (fresh), the last copy when offline.
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok) cache.put(request, response.clone());
        return response;
      } catch (error) {
        const url = new URL(request.url);
        return (await cache.match(request, { ignoreSearch: true, ignoreVary: true }))
          || (await cache.match(url.origin + "/requests", { ignoreVary: true }))
          || (await cache.match(url.origin + "/", { ignoreVary: true }))
          || Response.error();
      }
    })());
    return;
  }
  // Scripts, styles, fonts, images: built with content hashes, so a cached copy is the right one.
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // ignoreVary: the server varies on Origin, which a module script sends and the caching fetch does not.
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok && response.type === "basic") cache.put(request, response.clone());
    return response;
  })());
});
