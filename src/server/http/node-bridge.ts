import type { IncomingMessage, ServerResponse } from "node:http";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";

/**
 * Answers a node:http request with a fetch-style handler (what a Next.js route exports),
 * streaming the response as it is produced, which SSE needs. The request's signal aborts when
 * the client goes away, which ends a subscription. Bodies are limited by the handlers themselves.
 */
export async function answerWithFetch(
  req: IncomingMessage,
  res: ServerResponse,
  handler: (request: Request) => Promise<Response>,
): Promise<void> {
  try {
    const request = incomingMessageToRequest(req, res, { maxBodySize: null });
    const response = await handler(request);
    const headers: Record<string, string | string[]> = Object.fromEntries(response.headers);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers["set-cookie"] = cookies;
    res.writeHead(response.status, headers);
    const reader = response.body?.getReader();
    while (reader && !res.destroyed) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
    if (res.destroyed) await reader?.cancel();
    res.end();
  } catch {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}
