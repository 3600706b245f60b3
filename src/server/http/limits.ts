/** Request limits enforced before any parsing; see README "Limits". */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_BATCH_SIZE = 20;

/**
 * Reads at most `maxBytes` of a body. The App Router hands us the raw stream with no limit of
 * its own, so a client that lies about (or omits) Content-Length is cut off here, not in JSON.parse.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array | "too-large"> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return "too-large";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return "too-large";
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
