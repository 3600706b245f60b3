/**
 * The SDK's fetch: adds the API key, bounds every request with a timeout, and turns failures
 * that say nothing about the order (no connection, timeout, a proxy's HTML 502) into one error
 * type that the retry policy can recognise. Runs in Node 20+ and browsers (fetch, AbortSignal.any).
 */

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export type TransportFailure = "network" | "timeout" | "unavailable";

/** The request may or may not have reached the server; only an idempotent call may be retried. */
export class BourseTransportError extends Error {
  readonly kind: TransportFailure;
  /** The HTTP status, for "unavailable" (a 5xx without a JSON body, usually from a proxy). */
  readonly status: number | null;

  constructor(kind: TransportFailure, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "BourseTransportError";
    this.kind = kind;
    this.status = options.status ?? null;
  }
}

export interface TransportOptions {
  fetch: FetchLike;
  apiKey: string | undefined;
  /** Per request; streams are not bounded by this (they are long-lived by design). */
  timeoutMs: number;
}

export function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

function isJson(response: Response): boolean {
  return (response.headers.get("content-type") ?? "").includes("application/json");
}

/** fetch with the key and a timeout, failing with BourseTransportError when the server never answered. */
export function createTransportFetch(options: TransportOptions): FetchLike {
  return async (input, init = {}) => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(authHeaders(options.apiKey))) headers.set(name, value);
    let response: Response;
    try {
      response = await options.fetch(input, { ...init, headers, signal });
    } catch (error) {
      // The caller's own abort is not a transport failure: let it through as it is.
      if (init.signal?.aborted) throw error;
      if (timeout.aborted)
        throw new BourseTransportError("timeout", `No response within ${options.timeoutMs} ms.`, { cause: error });
      throw new BourseTransportError("network", describeCause(error), { cause: error });
    }
    if (response.status >= 500 && !isJson(response)) {
      await response.body?.cancel().catch(() => {});
      throw new BourseTransportError("unavailable", `The server answered ${response.status}.`, { status: response.status });
    }
    return response;
  };
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
