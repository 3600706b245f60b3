import { randomUUID } from "node:crypto";
import type { AuthUser } from "../api/context";
import { INTERNAL_MESSAGE } from "../api/errors";
import type { Db } from "../db/types";
import { isDatabaseUnavailable } from "../db/unavailable";
import { DomainError, RETRY_AFTER_UNAVAILABLE_SEC } from "../domain/errors";
import { logger } from "../logger";
import type { ServiceContext } from "../services/context";
import { MAX_BODY_BYTES, readBodyWithin } from "./limits";

/**
 * What every HTTP edge (tRPC, REST) does before a procedure runs: name the request, refuse
 * bodies that are not JSON or too large, and resolve the caller once. Shared so both edges
 * enforce exactly the same limits.
 */

/** The client's X-Request-Id (bounded), or a fresh one: it is echoed on the response and in logs. */
export function requestIdOf(request: Request): string {
  return request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
}

export function jsonError(status: number, code: string, message: string, requestId: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "x-request-id": requestId } });
}

/** A 503 in the shape every procedure error has (`data.domainCode`), with Retry-After. */
export function unavailableResponse(requestId: string): Response {
  const error = new DomainError("UNAVAILABLE");
  return Response.json(
    {
      error: {
        code: "SERVICE_UNAVAILABLE",
        message: error.message,
        data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, domainCode: error.code },
      },
    },
    { status: 503, headers: { "x-request-id": requestId, "retry-after": String(RETRY_AFTER_UNAVAILABLE_SEC) } },
  );
}

export interface BodyGuard {
  /** Methods whose body is read: it must be JSON (a cross-site form cannot send that) and bounded. */
  bodyMethods: readonly string[];
  /** The 415 message, in the words of the edge ("Mutations take…", "Requests take…"). */
  notJsonMessage: string;
}

/**
 * A request whose body has been read within MAX_BODY_BYTES and can be read again downstream,
 * or the refusal to send. Methods outside `bodyMethods` pass through untouched.
 */
export async function guardJsonBody(request: Request, requestId: string, guard: BodyGuard): Promise<Request | Response> {
  if (!guard.bodyMethods.includes(request.method)) return request;
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/json")) return jsonError(415, "UNSUPPORTED_MEDIA_TYPE", guard.notJsonMessage, requestId);
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (body === "too-large")
    return jsonError(413, "PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_BODY_BYTES} bytes.`, requestId);
  return new Request(request.url, { method: request.method, headers: request.headers, body: body as BodyInit });
}

export interface CallerSources {
  getServices: () => Promise<ServiceContext>;
  /** `services` lets the production resolver find the instance's credential cache. */
  resolveUser: (db: Db, headers: Headers, services: ServiceContext) => Promise<AuthUser | null>;
}

/** The services and the caller (null: anonymous), or a 500 that says nothing internal. */
export async function resolveCaller(
  sources: CallerSources,
  headers: Headers,
  requestId: string,
): Promise<{ services: ServiceContext; user: AuthUser | null } | Response> {
  try {
    const services = await sources.getServices();
    const user = await sources.resolveUser(services.db, headers, services);
    return { services, user };
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      logger.warn({ requestId }, "request could not be authenticated: the database is unreachable");
      return unavailableResponse(requestId);
    }
    logger.error({ requestId, err: error }, "request could not be authenticated");
    return jsonError(500, "INTERNAL_SERVER_ERROR", INTERNAL_MESSAGE, requestId);
  }
}
