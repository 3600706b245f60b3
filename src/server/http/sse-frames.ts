/**
 * tRPC's SSE wire format (httpSubscriptionLink and any EventSource read it), as bytes ready to
 * write. A data frame is encoded once per item object and reused by every stream that sends
 * that same object: live streams of a topic share their items (events/shared-items.ts), so one
 * event costs one JSON.stringify and one UTF-8 encoding per instance, not one per subscriber.
 * Items are never mutated after they are yielded, which is what makes caching by identity safe.
 */

const encoder = new TextEncoder();
// Event names of @trpc/server's SSE protocol (stream/sse.ts), pinned with it in package.json.
const CONNECTED_EVENT = "connected";
const SERIALIZED_ERROR_EVENT = "serialized-error";
const RESTORE_ID_EVENT = "restore-id";

export const PING_FRAME = encoder.encode("event: ping\ndata: \n\n");
export const RETURN_FRAME = encoder.encode("event: return\ndata: \n\n");

/** The first frame of every stream: the client's reconnect settings, as tRPC sends them. */
export function connectedFrame(clientOptions: object): Uint8Array {
  return encoder.encode(`event: ${CONNECTED_EVENT}\ndata: ${JSON.stringify(clientOptions)}\n\n`);
}

export function errorFrame(serializedShape: unknown): Uint8Array {
  return encoder.encode(`event: ${SERIALIZED_ERROR_EVENT}\ndata: ${JSON.stringify(serializedShape)}\n\n`);
}

/** An untracked value after tracked ones: sent without an id, then the last id is restored. */
export function untrackedFrame(serializedData: unknown, lastEventId: string | null): Uint8Array {
  const data = `data: ${JSON.stringify(serializedData)}\n`;
  if (lastEventId === null) return encoder.encode(`${data}\n`);
  return encoder.encode(`${data}id: \n\nevent: ${RESTORE_ID_EVENT}\ndata: \nid: ${lastEventId}\n\n`);
}

// An SSE id ends at a line break, and NUL is not allowed; such an id would corrupt the stream.
const UNSAFE_ID = /[\0\n\r]/;

export interface FrameCache {
  /** `id: …\ndata: …` for a tracked item, encoded at most once per item object. */
  tracked(id: string, data: unknown): Uint8Array;
  /** How many frames were actually encoded: tests check that subscribers share them. */
  encodedCount(): number;
}

export function createFrameCache(serialize: (value: unknown) => unknown): FrameCache {
  const frames = new WeakMap<object, { id: string; bytes: Uint8Array }>();
  let encoded = 0;
  return {
    tracked(id, data) {
      if (UNSAFE_ID.test(id)) throw new TypeError("an SSE event id cannot contain a line break or NUL");
      const isObject = typeof data === "object" && data !== null;
      const hit = isObject ? frames.get(data) : undefined;
      if (hit?.id === id) return hit.bytes;
      encoded++;
      const bytes = encoder.encode(`id: ${id}\ndata: ${JSON.stringify(serialize(data))}\n\n`);
      if (isObject) frames.set(data, { id, bytes });
      return bytes;
    },
    encodedCount: () => encoded,
  };
}
