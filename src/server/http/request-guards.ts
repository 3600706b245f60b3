import type { AuthUser } from "../api/context";
import { INTERNAL_MESSAGE } from "../api/errors";
import type { Db } from "../db/types";
import { isDatabaseUnavailable } from "../db/unavailable";
import { DomainError, RETRY_AFTER_UNAVAILABLE_SEC } from "../../domain/errors";
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
  return request.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
}

/**
 * Which edge answers: a refusal made before any procedure runs takes the shape that edge's
 * procedure errors have, so clients parse one shape per API. tRPC wraps it as `{ error: … }`;
 * REST (docs/api.md, the OpenAPI document) returns `{ code, message, data }` bare.
 */
export type Edge = "trpc" | "rest";

export interface EdgeError {
  status: number;
  code: string;
  message: string;
  /** The stable code clients switch on, where one applies (data.domainCode). */
  domainCode?: string;
  headers?: Record<string, string>;
}

export function jsonError(edge: Edge, requestId: string, error: EdgeError): Response {
  const { status, code, message, domainCode } = error;
  const body = { code, message, data: { code, httpStatus: status, ...(domainCode ? { domainCode } : {}) } };
  return Response.json(edge === "trpc" ? { error: body } : body, {
    status,
    headers: { ...error.headers, "x-request-id": requestId },
  });
}

/** The database is out of reach: 503 with Retry-After and domainCode UNAVAILABLE, as a procedure would answer. */
export function unavailableResponse(edge: Edge, requestId: string): Response {
  const error = new DomainError("UNAVAILABLE");
  return jsonError(edge, requestId, {
    status: 503,
    code: "SERVICE_UNAVAILABLE",
    message: error.message,
    domainCode: error.code,
    headers: { "retry-after": String(RETRY_AFTER_UNAVAILABLE_SEC) },
  });
}

export interface BodyGuard {
  edge: Edge;
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
  if (!type.startsWith("application/json"))
    return jsonError(guard.edge, requestId, { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: guard.notJsonMessage });
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (body === "too-large") {
    const message = `The body is larger than ${MAX_BODY_BYTES} bytes.`;
    return jsonError(guard.edge, requestId, { status: 413, code: "PAYLOAD_TOO_LARGE", message });
  }
  // Parsed here once more (it is at most MAX_BODY_BYTES) so that malformed JSON is refused like
  // an oversized body, before the caller is looked up or any procedure or limit counts it.
  if (body.byteLength > 0 && !isJson(body))
    return jsonError(guard.edge, requestId, { status: 400, code: "PARSE_ERROR", message: "The body is not valid JSON." });
  return new Request(request.url, { method: request.method, headers: request.headers, body: body as BodyInit });
}

export interface CallerSources {
  getServices: () => Promise<ServiceContext>;
  /** `services` lets the production resolver find the instance's credential cache. */
  resolveUser: (db: Db, headers: Headers, services: ServiceContext) => Promise<AuthUser | null>;
}

/** The services and the caller (null: anonymous), or a 500 that says nothing internal. */
export async function resolveCaller(
  edge: Edge,
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
      return unavailableResponse(edge, requestId);
    }
    logger.error({ requestId, err: error }, "request could not be authenticated");
    return jsonError(edge, requestId, { status: 500, code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE });
  }
}

const decoder = new TextDecoder();

function isJson(body: Uint8Array): boolean {
  try {
    JSON.parse(decoder.decode(body));
    return true;
  } catch {
    return false;
  }
}
