"use client";

/** Any page that throws while rendering lands here, inside the site's layout, with a way back. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center px-6 py-20 text-center">
      <h1 className="mb-2 text-xl font-semibold">Something went wrong</h1>
      <p className="mb-6 text-sm text-muted">This page failed to load. Your orders and balances are safe on the server.</p>
      <button
        type="button"
        onClick={reset}
        className="inline-flex h-11 items-center rounded-md bg-accent px-5 text-sm font-medium text-white"
      >
        Try again
      </button>
    </main>
  );
}
