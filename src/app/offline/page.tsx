import type { Metadata } from "next";

export const metadata: Metadata = { title: "Offline" };

/**
 * Precached by the service worker and shown when a page cannot be fetched. Shows no data on purpose:
 * prices and balances are never shown from a cache, and no order is ever queued offline.
 */
export default function OfflinePage() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center px-6 py-20 text-center">
      <h1 className="mb-2 text-xl font-semibold">You are offline</h1>
      <p className="mb-6 text-sm text-muted">
        Bourse needs a connection to show live prices and to place orders. Nothing is sent while you are offline, so no order will
        be placed behind your back.
      </p>
      <a href="/" className="inline-flex h-11 items-center rounded-md bg-accent px-5 text-sm font-medium text-white">
        Try again
      </a>
    </main>
  );
}
