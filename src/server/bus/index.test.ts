import { afterEach, describe, expect, it } from "vitest";
import { type Env, getEnv } from "@/env";
import { closeEventBus, createEventBus, getEventBus } from "./index";

function envWith(overrides: Partial<Env>): Env {
  return {
    ...getEnv(),
    REDIS_URL: undefined,
    DATABASE_URL: undefined,
    EVENT_BUS: undefined,
    ...overrides,
  };
}

describe("createEventBus", () => {
  afterEach(async () => {
    await closeEventBus();
  });

  it("is in memory when neither Redis nor Postgres is configured", async () => {
    const bus = createEventBus(envWith({}));
    expect(bus.kind).toBe("memory");
    await bus.close();
  });

  it("follows EVENT_BUS, and refuses it without the matching URL", () => {
    expect(() => createEventBus(envWith({ EVENT_BUS: "redis" }))).toThrow("REDIS_URL");
    expect(() => createEventBus(envWith({ EVENT_BUS: "postgres" }))).toThrow("DATABASE_URL");
  });

  it("picks Redis over Postgres when both are set", async () => {
    // Nothing listens on port 1: the bus is built, never used, closed at once.
    const bus = createEventBus(envWith({ REDIS_URL: "redis://127.0.0.1:1", DATABASE_URL: "postgres://x@127.0.0.1:1/x" }), {
      onError: () => {},
    });
    expect(bus.kind).toBe("redis");
    await bus.close();
  });

  it("keeps one bus per process", () => {
    expect(getEventBus()).toBe(getEventBus());
  });
});
