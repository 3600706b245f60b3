import type { OpenApiMeta } from "trpc-to-openapi";
import { z } from "zod";

type OpenApiRoute = NonNullable<OpenApiMeta["openapi"]>;

/** Sent on every response a limit counted (see limits/enforce.ts): clients pace themselves with them. */
const rateLimitHeaders = z.object({
  "RateLimit-Limit": z.string().optional().describe("Requests allowed in the current window."),
  "RateLimit-Remaining": z.string().optional().describe("Requests left in the current window."),
  "RateLimit-Reset": z.string().optional().describe("Seconds until the window resets."),
});

// trpc-to-openapi keeps the first description it sees for a status, so each status has one text.
const ERROR_TEXT: Record<number, string> = {
  400: "The input is invalid (see `issues`, or `data.domainCode`).",
  401: "No valid API key: send `Authorization: Bearer <key>`.",
  403: "The key lacks the scope this call needs (`trade` for order entry).",
  404: "No such market or order (another user's order is not found either).",
  409: "That clientOrderId was already used for a different order.",
  412: "Refused by the current state: insufficient funds, market halted, order no longer open, too few candles to backtest, a backtest past its time limit …",
  429: "Rate limited (or a backtest of yours is still running): wait the `Retry-After` seconds, then retry.",
  500: "Something went wrong on our side; retry.",
  503: "Briefly unavailable: the market's order queue is full (`OVERLOADED`, nothing was executed), every backtest worker is busy (`BACKTEST_BUSY`) or the database is out of reach (`UNAVAILABLE`). Wait the `Retry-After` seconds, then retry, with the same clientOrderId for an order.",
};

const pick = (statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, ERROR_TEXT[status] ?? ""]));
const ERRORS = {
  publicNoInput: pick([500, 503]),
  public: pick([400, 404, 500, 503]),
  read: pick([400, 401, 403, 404, 429, 500, 503]),
  trade: pick([400, 401, 403, 404, 409, 412, 429, 500, 503]),
  research: pick([400, 401, 403, 404, 412, 429, 500, 503]),
};

/** One REST route's OpenAPI metadata; `access` picks the security and the documented errors. */
export function route(
  method: OpenApiRoute["method"],
  path: `/${string}`,
  options: {
    operationId: string;
    summary: string;
    tag: string;
    /** research: a backtest (the read scope, and refusals by state: too few candles, out of time). */
    access: "public" | "read" | "trade" | "research";
    description?: string;
  },
): OpenApiMeta {
  const hasInput = path.includes("{");
  const errors = options.access === "public" && !hasInput ? ERRORS.publicNoInput : ERRORS[options.access];
  return {
    openapi: {
      method,
      path,
      operationId: options.operationId,
      summary: options.summary,
      description: options.description,
      tags: [options.tag],
      protect: options.access !== "public",
      errorResponses: errors,
      ...(options.access === "public" ? {} : { responseHeaders: rateLimitHeaders }),
    },
  };
}
