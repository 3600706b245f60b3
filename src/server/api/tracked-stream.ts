import { tracked } from "@trpc/server";
import type { Streamed } from "../live";

/**
 * Turns a service's stream into tRPC tracked events: the seq becomes the SSE id, which the client
 * sends back as lastEventId when it reconnects. Ending this generator (client gone) ends the
 * service's stream too, which releases its bus subscription.
 */
export async function* trackedStream<T>(stream: AsyncIterable<Streamed<T>>) {
  for await (const { seq, item } of stream) yield tracked(seq.toString(), item);
}
