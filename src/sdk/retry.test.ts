import { describe, expect, it } from "vitest";
import { createBourseClient } from "./client";
import { DEFAULT_RETRY, isRetryableOperation, retryDelayMs } from "./retry";
import type { FetchLike } from "./transport";

/** A tRPC success body for httpLink. */
const ok = (data: unknown) => Response.json({ result: { data } });
const serverError = () =>
  Response.json(
    { error: { message: "x", code: -32603, data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 } } },
    { status: 500 },
  );
const refused = () =>
  Response.json({ error: { message: "no", code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400 } } }, { status: 400 });

function scripted(answers: (() => Response | Promise<never>)[]) {
  const bodies: string[] = [];
  const fetch: FetchLike = async (_input, init) => {
    bodies.push(String(init?.body ?? ""));
    const next = answers.shift();
    if (!next) throw new Error("unexpected extra request");
    return next();
  };
  return { fetch, bodies };
}

const order = { market: "ACME-USD", side: "BUY" as const, type: "LIMIT" as const, price: "1.00", quantity: "1" };
const fast = { baseDelayMs: 1, maxDelayMs: 2 };

describe("[SDK] safe retries of order.place", () => {
  it("generates one clientOrderId and sends it on every attempt", async () => {
    const { fetch, bodies } = scripted([
      () => Promise.reject(new TypeError("fetch failed")),
      serverError,
      () => ok({ replayed: true }),
    ]);
    const client = createBourseClient({ url: "http://bourse.test", fetch, retry: fast });
    await expect(client.order.place.mutate(order)).resolves.toMatchObject({ replayed: true });
    expect(bodies).toHaveLength(3);
    const ids = bodies.map((b) => (JSON.parse(b) as { clientOrderId: string }).clientOrderId);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^sdk-[0-9a-f]{32}$/);
  });

  it("keeps a clientOrderId the caller chose", async () => {
    const { fetch, bodies } = scripted([() => ok({})]);
    await createBourseClient({ url: "http://bourse.test", fetch }).order.place.mutate({ ...order, clientOrderId: "mine-1" });
    expect(JSON.parse(bodies[0] ?? "{}")).toMatchObject({ clientOrderId: "mine-1" });
  });

  it("never retries a refusal, nor other mutations, and stops after maxAttempts", async () => {
    const refusal = scripted([refused]);
    await expect(
      createBourseClient({ url: "http://bourse.test", fetch: refusal.fetch }).order.place.mutate(order),
    ).rejects.toThrow();
    expect(refusal.bodies).toHaveLength(1);
    const cancel = scripted([serverError]);
    await expect(
      createBourseClient({ url: "http://bourse.test", fetch: cancel.fetch }).order.cancel.mutate({ orderId: "1" }),
    ).rejects.toThrow();
    expect(cancel.bodies).toHaveLength(1);
    const down = scripted([serverError, serverError, serverError]);
    const client = createBourseClient({ url: "http://bourse.test", fetch: down.fetch, retry: { ...fast, maxAttempts: 3 } });
    await expect(client.order.place.mutate(order)).rejects.toMatchObject({ data: { httpStatus: 500 } });
    expect(down.bodies).toHaveLength(3);
  });

  it("retries queries and order.place only; backoff doubles up to its bound, with jitter", () => {
    expect(isRetryableOperation({ type: "query", path: "market.list" })).toBe(true);
    expect(isRetryableOperation({ type: "mutation", path: "order.place" })).toBe(true);
    expect(isRetryableOperation({ type: "mutation", path: "order.cancel" })).toBe(false);
    expect(isRetryableOperation({ type: "subscription", path: "market.onBook" })).toBe(false);
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, DEFAULT_RETRY, top))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect(retryDelayMs(3, DEFAULT_RETRY, () => 0)).toBe(500);
  });
});
