/**
 * Test support for order-entry batches: build commands the way the services do, and run a list
 * of them as ONE batch (one transaction), collecting each command's own answer.
 */
import { randomUUID } from "node:crypto";
import type { AnyResult, OrderCommand } from "../src/server/services/order-entry/commands";
import { runBatch } from "../src/server/services/order-entry/run-batch";
import type { ServiceContext } from "../src/server/services/context";
import {
  type PlaceOcoRequest,
  type PlaceOrderRequest,
  parseOcoRequest,
  parseOrderRequest,
} from "../src/server/services/trading/order-input";

/** The test market's scales (tests/fixtures.ts createTestMarket). */
const TEST_SCALES = { baseScale: 4, quoteScale: 2 };

export function placeCommand(request: Omit<PlaceOrderRequest, "market">): Extract<OrderCommand, { kind: "place" }> {
  return {
    kind: "place",
    userId: request.userId,
    order: parseOrderRequest({ ...request, market: "" }, TEST_SCALES),
    clientOrderId: request.clientOrderId ?? randomUUID(),
  };
}

export function ocoCommand(request: Omit<PlaceOcoRequest, "market">): Extract<OrderCommand, { kind: "placeOco" }> {
  return {
    kind: "placeOco",
    userId: request.userId,
    oco: parseOcoRequest({ ...request, market: "" }, TEST_SCALES),
    clientOrderId: request.clientOrderId ?? randomUUID(),
  };
}

export type Answer = { ok: true; value: AnyResult } | { ok: false; code: string };

/** Runs `commands` as one batch of `symbol` and returns each command's answer, in order. */
export async function runAsOneBatch(ctx: ServiceContext, symbol: string, commands: readonly OrderCommand[]): Promise<Answer[]> {
  const answers: Promise<Answer>[] = [];
  const items = commands.map((command) => {
    let resolve: (value: AnyResult) => void = () => {};
    let reject: (error: unknown) => void = () => {};
    answers.push(
      new Promise<AnyResult>((res, rej) => {
        resolve = res;
        reject = rej;
      }).then(
        (value): Answer => ({ ok: true, value }),
        (error: unknown): Answer => ({ ok: false, code: String((error as { code?: unknown }).code ?? "INTERNAL") }),
      ),
    );
    return { command, resolve: (v: AnyResult) => resolve(v), reject: (e: unknown) => reject(e) };
  });
  await runBatch(ctx, symbol, items);
  return Promise.all(answers);
}
