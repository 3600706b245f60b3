import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });

describe("[HEALTH] telling a database outage from a request's own failure", () => {
  it("recognises refused, shut-down and timed-out connections, also wrapped by drizzle", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error("terminating connection"), { code: "57P01" })))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error("x"), { code: "08006" })))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(new Error("Connection terminated unexpectedly")))).toBe(true);
    // Postgres died mid-transaction: drizzle's rollback fails on the broken client (seen by npm run chaos).
    expect(isDatabaseUnavailable(wrapped(new Error("Client has encountered a connection error and is not queryable")))).toBe(
      true,
    );
  });

  it("leaves everything else alone: constraint violations, bugs, domain refusals", () => {
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error("duplicate key"), { code: "23505" })))).toBe(false);
    expect(isDatabaseUnavailable(new Error("Invariant violated: a taker never overspends"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("no"), { code: "INSUFFICIENT_FUNDS" }))).toBe(false);
  });
});
