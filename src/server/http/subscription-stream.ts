import type { AnyTRPCRouter } from "@trpc/server";
import {
  callProcedure,
  getErrorShape,
  getLastEventId,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  isTrackedEnvelope,
  sseHeaders,
  TRPCError,
} from "@trpc/server/unstable-core-do-not-import";
import { createPingClock } from "./ping-clock";
import { connectedFrame, createFrameCache, errorFrame, type FrameCache, RETURN_FRAME, untrackedFrame } from "./sse-frames";
import { drainingSignal } from "./draining";

/**
 * Subscriptions over SSE, written by us rather than by tRPC's fetch adapter, speaking the same
 * protocol (connected, data with ids, ping, return, serialized-error) so httpSubscriptionLink
 * and plain EventSource clients see no difference. The procedure still runs through tRPC
 * (callProcedure: middlewares, input validation, error formatting); only the writing differs:
 * measured with 1,000 subscribers of one market (scripts/measure-fanout.ts), tRPC's writer spent
 * most of each fan-out in per-stream web-stream plumbing (a generator, two TransformStreams and
 * a wrapper per stream, four chunks per event) and a timer per stream per event for pings.
 * Here one event is one shared, pre-encoded chunk per stream (sse-frames.ts), and one clock
 * pings every open stream.
 */
export interface SubscriptionStreams {
  /** The procedure path when `request` is one SSE subscription call; null leaves it to tRPC. */
  pathOf(request: Request): Promise<string | null>;
  respond(call: SubscriptionCall): Promise<Response>;
  readonly frames: FrameCache;
}

export interface SubscriptionCall {
  path: string;
  request: Request;
  ctx: unknown;
  /** Response headers; the context's middlewares may add to them (rate limits). */
  headers: Headers;
  onError(error: TRPCError, path: string): void;
}

export function createSubscriptionStreams(router: AnyTRPCRouter, endpoint: string): SubscriptionStreams {
  const config = router._def._config;
  const serialize = (value: unknown) => config.transformer.output.serialize(value);
  const frames = createFrameCache(serialize);
  const ping = config.sse?.ping;
  const pings = createPingClock(ping?.enabled ? (ping.intervalMs ?? 1_000) : null);
  const connected = connectedFrame(config.sse?.client ?? {});

  async function pathOf(request: Request): Promise<string | null> {
    if (request.method !== "GET" || config.sse?.enabled === false) return null;
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${endpoint}/`) || url.searchParams.has("batch")) return null;
    let path: string;
    try {
      path = decodeURIComponent(url.pathname.slice(endpoint.length + 1));
    } catch {
      return null;
    }
    if (path.includes(",")) return null;
    const procedure = await getProcedureAtPath(router, path);
    return procedure?._def.type === "subscription" ? path : null;
  }

  /** The query's input as tRPC reads it, with the SSE resume id merged in as `lastEventId`. */
  function rawInputOf(request: Request): unknown {
    const url = new URL(request.url);
    const text = url.searchParams.get("input");
    let input: unknown;
    if (text !== null) {
      try {
        input = config.transformer.input.deserialize(JSON.parse(text));
      } catch (cause) {
        throw new TRPCError({ code: "PARSE_ERROR", message: "The input is not valid JSON.", cause });
      }
    }
    const lastEventId = getLastEventId({ headers: request.headers, searchParams: url.searchParams });
    if (!lastEventId) return input;
    return isObject(input) ? { ...input, lastEventId } : (input ?? { lastEventId });
  }

  async function respond({ path, request, ctx, headers, onError }: SubscriptionCall): Promise<Response> {
    const abort = new AbortController();
    const onRequestAbort = () => abort.abort();
    if (request.signal.aborted) abort.abort();
    else request.signal.addEventListener("abort", onRequestAbort, { once: true });
    let input: unknown;
    const shapeOf = (error: TRPCError) => serialize(getErrorShape({ config, error, type: "subscription", path, input, ctx }));

    let iterator: AsyncIterator<unknown> | null = null;
    let failure: TRPCError | null = null;
    try {
      const data: unknown = await callProcedure({
        router,
        path,
        ctx,
        type: "subscription",
        signal: abort.signal,
        batchIndex: 0,
        getRawInput: async () => {
          input = rawInputOf(request);
          return input;
        },
      });
      if (!isAsyncIterable(data)) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `${path} returned no stream` });
      iterator = data[Symbol.asyncIterator]();
    } catch (cause) {
      failure = getTRPCErrorFromUnknown(cause);
      onError(failure, path);
    }

    // Written back as an SSE id, so a line break in it (a crafted query string) is never echoed.
    const resumedFrom = getLastEventId({ headers: request.headers, searchParams: new URL(request.url).searchParams });
    let lastEventId = resumedFrom && !/[\0\n\r]/.test(resumedFrom) ? resumedFrom : null;
    let isDone = false;
    let leavePings = () => {};
    let stopDraining = () => {};
    const cleanUp = () => {
      isDone = true;
      leavePings();
      stopDraining();
      request.signal.removeEventListener("abort", onRequestAbort);
    };
    const finish = (controller: ReadableStreamDefaultController<Uint8Array>, frame?: Uint8Array) => {
      if (isDone) return;
      cleanUp();
      if (frame) controller.enqueue(frame);
      controller.close();
    };

    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          controller.enqueue(connected);
          if (failure) return finish(controller, errorFrame(shapeOf(failure)));
          leavePings = pings.join(controller);
          stopDraining = onDraining(() => {
            // A plain end, no `return` frame: the client reconnects (elsewhere) and resumes.
            finish(controller);
            abort.abort();
            Promise.resolve(iterator?.return?.()).catch(() => {});
          });
        },
        async pull(controller) {
          if (!iterator || isDone) return;
          try {
            const result = await iterator.next();
            if (isDone) return;
            if (result.done) return finish(controller, RETURN_FRAME);
            const value: unknown = result.value;
            if (isTrackedEnvelope(value)) {
              lastEventId = value[0];
              controller.enqueue(frames.tracked(value[0], value[1]));
            } else {
              controller.enqueue(untrackedFrame(serialize(value), lastEventId));
            }
          } catch (cause) {
            // The client left: nobody is there to read an error.
            if (abort.signal.aborted) return finish(controller);
            const error = getTRPCErrorFromUnknown(cause);
            onError(error, path);
            finish(controller, errorFrame(shapeOf(error)));
          }
        },
        cancel() {
          cleanUp();
          abort.abort();
          // Ends the stream's generator (its finally releases the subscription); it may not throw here.
          Promise.resolve(iterator?.return?.()).catch(() => {});
        },
      },
      // Pull only when the reader asks: a slow client holds back its own stream, nothing more.
      { highWaterMark: 0 },
    );
    for (const [key, value] of Object.entries(sseHeaders)) headers.set(key, value);
    return new Response(body, { status: 200, headers });
  }

  return { pathOf, respond, frames };
}

/** Runs `end` when the instance starts draining (at once if it already has); returns the unsubscribe. */
function onDraining(end: () => void): () => void {
  const signal = drainingSignal();
  if (signal.aborted) {
    queueMicrotask(end);
    return () => {};
  }
  signal.addEventListener("abort", end, { once: true });
  return () => signal.removeEventListener("abort", end);
}
