/// <reference lib="webworker" />
/**
 * The service worker, bundled by `serwist build` (see serwist.config.js) after `next build`.
 * It precaches the static build and the offline page, caches static assets at run time, and
 * shows /offline when a navigation fails. It never touches /api/**: no caching of market or
 * account data, and above all no queuing or replay of POSTs, so an order is never sent later
 * without the person seeing it happen.
 */
import {
  CacheFirst,
  ExpirationPlugin,
  NetworkOnly,
  type PrecacheEntry,
  type RuntimeCaching,
  Serwist,
  StaleWhileRevalidate,
} from "serwist";

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

const DAY_SECONDS = 24 * 60 * 60;

/** Same-origin and outside /api: the only requests this worker may answer. */
function isStaticRequest(url: URL): boolean {
  return url.origin === self.location.origin && !url.pathname.startsWith("/api/");
}

const runtimeCaching: RuntimeCaching[] = [
  {
    // Hashed build output never changes under the same name.
    matcher: ({ url }) => isStaticRequest(url) && url.pathname.startsWith("/_next/static/"),
    handler: new CacheFirst({
      cacheName: "next-static",
      plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * DAY_SECONDS })],
    }),
  },
  {
    matcher: ({ url }) => isStaticRequest(url) && /\.(?:png|svg|ico|webp|woff2)$/i.test(url.pathname),
    handler: new StaleWhileRevalidate({
      cacheName: "static-assets",
      plugins: [new ExpirationPlugin({ maxEntries: 64, maxAgeSeconds: 30 * DAY_SECONDS })],
    }),
  },
  {
    // Pages always come from the network (prices must be live); offline, the fallback below answers.
    matcher: ({ request, url }) => request.mode === "navigate" && isStaticRequest(url),
    handler: new NetworkOnly(),
  },
];

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching,
  fallbacks: {
    entries: [{ url: "/offline", matcher: ({ request }) => request.destination === "document" }],
  },
});

serwist.addEventListeners();
