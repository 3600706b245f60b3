/**
 * @bourse/sdk — a typed client for Node 20+ and browsers. Imports nothing from the server at
 * run time: the router's types come in with `import type` and vanish from the bundle.
 */
export { type BourseClient, type BourseClientOptions, createBourseClient, trpcEndpoint } from "./client";
export { newClientOrderId } from "./client-order-id";
export { LocalBook } from "./local-book";
export { DEFAULT_RETRY, isRetryableError, type RetryPolicy } from "./retry";
export { stream } from "./stream";
export { BourseTransportError, type TransportFailure } from "./transport";
export * from "./types";
export { TRPCClientError } from "@trpc/client";
