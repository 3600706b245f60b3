import type http from "node:http";
import { type Delivery, domainCodeOf, isRecord, type Protocol, parseJson, send } from "./chaos-http";

/** Bourse's order entry as a bot calls it, over tRPC or REST with its API key. */

export interface ChaosTrader {
  readonly userId: string;
  readonly apiKey: string;
  readonly protocol: Protocol;
}

export interface OrderBody {
  market: string;
  side: "BUY" | "SELL";
  type: "LIMIT";
  price: string;
  quantity: string;
  timeInForce: "GTC" | "IOC";
  clientOrderId: string;
}

export interface OrderAck {
  id: string;
  status: string;
  filledQuantity: string;
}

/**
 * final: the server decided (acked, or refused for a reason of the request's own).
 * retry: the answer says nothing ran, or nothing is known (no answer): send the same again.
 */
export type Outcome =
  | "acked"
  | "refused"
  | "rate-limited"
  | "overloaded"
  | "unavailable"
  | "server-error"
  | "not-delivered"
  | "no-answer";

export const RETRYABLE: ReadonlySet<Outcome> = new Set([
  "rate-limited",
  "overloaded",
  "unavailable",
  "not-delivered",
  "no-answer",
]);

export interface Answer {
  outcome: Outcome;
  ack?: OrderAck;
  domainCode?: string;
  delivery: Delivery;
}

/** A buy at 1.00, far below where the bots trade: it rests and never meets their orders. */
export const farBuy = (market: string, clientOrderId: string): OrderBody => ({
  market,
  side: "BUY",
  type: "LIMIT",
  price: "1.00",
  quantity: "1.00",
  timeInForce: "GTC",
  clientOrderId,
});

const bearer = (trader: ChaosTrader) => ({ authorization: `Bearer ${trader.apiKey}` });

export function placeOrder(baseUrl: string, agent: http.Agent, trader: ChaosTrader, body: OrderBody): Promise<Answer> {
  const path = trader.protocol === "trpc" ? "/api/trpc/order.place" : "/api/v1/orders";
  return send(baseUrl, agent, { method: "POST", path, headers: bearer(trader), body: JSON.stringify(body) }).then((d) =>
    answerOf(trader.protocol, d, (data) => (isRecord(data) ? data.order : undefined)),
  );
}

export function cancelOrder(baseUrl: string, agent: http.Agent, trader: ChaosTrader, orderId: string): Promise<Answer> {
  const request =
    trader.protocol === "trpc"
      ? { method: "POST" as const, path: "/api/trpc/order.cancel", body: JSON.stringify({ orderId }) }
      : { method: "DELETE" as const, path: `/api/v1/orders/${orderId}` };
  return send(baseUrl, agent, { ...request, headers: bearer(trader) }).then((d) => answerOf(trader.protocol, d, (data) => data));
}

function answerOf(protocol: Protocol, delivery: Delivery, orderIn: (data: unknown) => unknown): Answer {
  if (delivery.kind !== "answered") return { outcome: delivery.kind, delivery };
  const { status, body } = delivery;
  const domainCode = domainCodeOf(protocol, body);
  if (status >= 200 && status < 300) {
    const parsed = parseJson(body);
    const data = protocol === "trpc" && isRecord(parsed) && isRecord(parsed.result) ? parsed.result.data : parsed;
    const ack = ackOf(orderIn(data));
    return ack ? { outcome: "acked", ack, delivery } : { outcome: "server-error", delivery };
  }
  if (status === 429) return { outcome: "rate-limited", domainCode, delivery };
  if (status === 503 && domainCode === "OVERLOADED") return { outcome: "overloaded", domainCode, delivery };
  if (status === 503 && domainCode === "UNAVAILABLE") return { outcome: "unavailable", domainCode, delivery };
  if (status >= 400 && status < 500) return { outcome: "refused", domainCode, delivery };
  return { outcome: "server-error", domainCode, delivery };
}

function ackOf(order: unknown): OrderAck | undefined {
  if (!isRecord(order)) return undefined;
  const { id, status, filledQuantity } = order;
  if (typeof id !== "string" || typeof status !== "string" || typeof filledQuantity !== "string") return undefined;
  return { id, status, filledQuantity };
}
