import { describe, expect, it } from "vitest";
import { readinessStatus } from "./health";

describe("[HEALTH] readiness a load balancer can use", () => {
  it("is 503 only when the database is down; a cache outage is degraded but ready", () => {
    expect(readinessStatus({ status: "ok", db: "ok", cache: "ok" })).toBe(200);
    expect(readinessStatus({ status: "ok", db: "ok", cache: "memory" })).toBe(200);
    expect(readinessStatus({ status: "degraded", db: "ok", cache: "down" })).toBe(200);
    expect(readinessStatus({ status: "down", db: "down", cache: "ok" })).toBe(503);
    expect(readinessStatus({ status: "down", db: "down", cache: "down" })).toBe(503);
  });
});
