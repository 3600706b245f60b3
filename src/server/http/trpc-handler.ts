import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { randomUUID } from "node:crypto";
import { createContext } from "../api/context";
import { appRouter } from "../api/root";
import { resolveUser } from "../auth/resolve-user";
import { logger } from "../logger";
import { getServices } from "../runtime";
import { clientIp } from "./client-ip";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES, readBodyWithin } from "./limits";

function jsonError(status: number, code: string, message: string, requestId: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "x-request-id": requestId } });
}

/**
 * The HTTP edge of tRPC: refuses what must never reach a procedure (oversized bodies, non-JSON
 * mutations that a cross-site form could send), then resolves the caller once for the context.
 */
export async function handleTrpcRequest(request: Request): Promise<Response> {
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
  let forwarded = request;
  if (request.method === "POST") {
    const type = request.headers.get("content-type") ?? "";
    if (!type.startsWith("application/json")) {
      return jsonError(415, "UNSUPPORTED_MEDIA_TYPE", "Mutations take a JSON body (Content-Type: application/json).", requestId);
    }
    const body = await readBodyWithin(request, MAX_BODY_BYTES);
    if (body === "too-large")
      return jsonError(413, "PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_BODY_BYTES} bytes.`, requestId);
    forwarded = new Request(request.url, { method: "POST", headers: request.headers, body: body as BodyInit });
  }
  const services = await getServices();
  const user = await resolveUser(services.db, request.headers);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: forwarded,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    allowMethodOverride: false,
    createContext: ({ resHeaders }) => createContext({ services, user, ip: clientIp(request.headers), requestId, resHeaders }),
    responseMeta: () => ({ headers: { "x-request-id": requestId } }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ requestId, path, err: error.cause ?? error }, "unhandled tRPC error");
    },
  });
}
