import type { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "../server/api/root";

/** What `client.<router>.<subscription>` offers; used to turn a subscription into an async iterator. */
export interface SubscribableProcedure<TInput, TValue> {
  subscribe(
    input: TInput,
    handlers: {
      onData?: (value: TValue) => void;
      onError?: (error: TRPCClientError<AppRouter>) => void;
      onComplete?: () => void;
    },
  ): { unsubscribe(): void };
}

/** Items buffered while the consumer is busy; past this the stream fails rather than grow without end. */
const MAX_BUFFERED = 10_000;

/**
 * `for await (const { id, data } of stream(client.market.onTrades, { market }, { signal }))`.
 * Ends when the signal aborts or the server completes the stream; throws the stream's error
 * (after the client's own reconnects for transient failures have given up).
 */
export async function* stream<TInput, TValue>(
  procedure: SubscribableProcedure<TInput, TValue>,
  input: TInput,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<TValue, void, undefined> {
  const queue: TValue[] = [];
  // Written by the callbacks, read by the loop (an object, so TypeScript does not narrow it away).
  const state: { failure: { error: unknown } | null; done: boolean } = { failure: null, done: false };
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const subscription = procedure.subscribe(input, {
    onData: (value) => {
      if (queue.length >= MAX_BUFFERED) state.failure ??= { error: new Error(`More than ${MAX_BUFFERED} stream items unread.`) };
      else queue.push(value);
      notify();
    },
    onError: (error) => {
      state.failure ??= { error };
      notify();
    },
    onComplete: () => {
      state.done = true;
      notify();
    },
  });
  const onAbort = () => {
    state.done = true;
    notify();
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (state.failure) throw state.failure.error;
      if (state.done || options.signal?.aborted) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    subscription.unsubscribe();
  }
}
