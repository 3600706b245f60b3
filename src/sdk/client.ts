import { createTRPCClient, httpLink, httpSubscriptionLink, retryLink, splitLink, type TRPCClient } from "@trpc/client";
import { EventSource, type FetchLike as EventSourceFetch } from "eventsource";
import type { AppRouter } from "../server/api/root";
import {
  clientOrderIdLink,
  DEFAULT_RETRY,
  isRetryableError,
  isRetryableOperation,
  type RetryPolicy,
  retryDelayMs,
} from "./retry";
import { authHeaders, createTransportFetch, type FetchLike } from "./transport";

export interface BourseClientOptions {
  /** The server's origin, e.g. https://bourse.example or http://127.0.0.1:3000 (no path). */
  url: string;
  /** `bourse_…`, sent as `Authorization: Bearer`; without it only public data is available. */
  apiKey?: string;
  /** Per request (not per stream); default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
}

export type BourseClient = TRPCClient<AppRouter>;

const DEFAULT_TIMEOUT_MS = 10_000;

/** The tRPC endpoint of a Bourse origin; a trailing slash or a pasted /api/trpc is tolerated. */
export function trpcEndpoint(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`Not an http(s) URL: ${url}`);
  const base = parsed.pathname.replace(/\/+$/, "").replace(/\/api\/trpc$/, "");
  return `${parsed.origin}${base}/api/trpc`;
}

/**
 * A typed client of every Bourse procedure: `client.market.list.query()`,
 * `client.order.place.mutate({...})`, `client.market.onBook.subscribe({...}, { onData })`.
 * Queries and order.place are retried on network errors, timeouts and 5xx with bounded
 * backoff; order.place gets a clientOrderId first, so a retry can never place a second order.
 * Subscriptions use SSE through the `eventsource` package (Node has no EventSource, and the
 * browser's cannot send an Authorization header); they resume from their last event id.
 */
export function createBourseClient(options: BourseClientOptions): BourseClient {
  const url = trpcEndpoint(options.url);
  const baseFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const requestFetch = createTransportFetch({
    fetch: baseFetch,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  // EventSource calls this for the stream and for every reconnect; the key rides in a header,
  // never in the URL (URLs end up in proxy logs).
  const streamFetch: EventSourceFetch = (input, init) =>
    baseFetch(input, { ...init, headers: { ...init.headers, ...authHeaders(options.apiKey) } });

  return createTRPCClient<AppRouter>({
    links: [
      clientOrderIdLink(),
      retryLink({
        retry: ({ op, error, attempts }) =>
          attempts < policy.maxAttempts && !op.signal?.aborted && isRetryableOperation(op) && isRetryableError(error),
        retryDelayMs: (attempt) => retryDelayMs(attempt, policy),
      }),
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url, EventSource, eventSourceOptions: { fetch: streamFetch } }),
        false: httpLink({ url, fetch: requestFetch }),
      }),
    ],
  });
}
