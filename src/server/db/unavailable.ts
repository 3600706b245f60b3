/**
 * Is this error the database being out of reach (refused, reset, shut down, too many
 * connections, no connection within the pool's timeout) rather than anything about the request?
 * Such a failure is a 503 a client may retry, never a 500. Walks drizzle's wrapped causes.
 */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);
// 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now; 53300: too many connections.
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /Connection closed/i,
  // pg, for a client whose connection died mid-transaction (the rollback then fails too).
  /has encountered a connection error and is not queryable/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    const code = typeof candidate.code === "string" ? candidate.code : "";
    if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith("08")) return true;
    if (typeof candidate.message === "string" && UNAVAILABLE_MESSAGES.some((m) => m.test(candidate.message as string)))
      return true;
    current = candidate.cause;
  }
  return false;
}
