import type { HttpTarget } from "./http-client";
import { CONTROL_PREFIX } from "./control-protocol";

/** Bourse's two HTTP APIs as a bot uses them: tRPC (/api/trpc) and REST (/api/v1), API key as Bearer. */

export type Protocol = "trpc" | "rest";
export const PROTOCOLS: readonly Protocol[] = ["trpc", "rest"];

export interface LimitOrder {
  market: string;
  side: "BUY" | "SELL";
  price: string;
  quantity: string;
  timeInForce?: "GTC" | "IOC";
  clientOrderId: string;
}

const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

/** tRPC wraps a result in { result: { data } }; REST returns it bare. */
function resultOf(protocol: Protocol, body: string): unknown {
  const parsed: unknown = JSON.parse(body);
  if (protocol === "rest") return parsed;
  const result = isRecord(parsed) ? parsed.result : undefined;
  return isRecord(result) ? result.data : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

export class BourseClient {
  constructor(readonly http: HttpTarget) {}

  /** Places the order; returns how many trades it made. */
  async placeOrder(protocol: Protocol, apiKey: string, order: LimitOrder): Promise<number> {
    const body = JSON.stringify({ type: "LIMIT", ...order });
    const path = protocol === "trpc" ? "/api/trpc/order.place" : "/api/v1/orders";
    const result = resultOf(protocol, await this.http.ok({ method: "POST", path, headers: bearer(apiKey), body }));
    const trades = isRecord(result) ? result.trades : undefined;
    if (!Array.isArray(trades)) throw new Error("order placed, but the answer has no trades list");
    return trades.length;
  }

  /** Cancels the account's open orders in one market; returns how many. */
  async cancelAll(protocol: Protocol, apiKey: string, market: string): Promise<number> {
    const request =
      protocol === "trpc"
        ? { method: "POST" as const, path: "/api/trpc/order.cancelAll", body: JSON.stringify({ market }) }
        : { method: "DELETE" as const, path: `/api/v1/orders?market=${encodeURIComponent(market)}` };
    const result = resultOf(protocol, await this.http.ok({ ...request, headers: bearer(apiKey) }));
    const canceled = isRecord(result) ? result.canceled : undefined;
    if (typeof canceled !== "number") throw new Error("cancel-all answered without a count");
    return canceled;
  }

  /** A tRPC query as the website sends it (GET, input in the URL), anonymous unless a key is given. */
  trpcQuery(procedure: string, input?: unknown, options: { prefix?: string; apiKey?: string } = {}): Promise<string> {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const headers = options.apiKey ? bearer(options.apiKey) : undefined;
    return this.http.ok({ method: "GET", path: `${options.prefix ?? ""}/api/trpc/${procedure}${query}`, headers });
  }

  restGet(path: string): Promise<string> {
    return this.http.ok({ method: "GET", path: `/api/v1${path}` });
  }

  /** A bench-server control route; the answer is the protocol type the route promises. */
  async control<T>(route: string, body?: unknown): Promise<T> {
    const request =
      body === undefined
        ? { method: "GET" as const, path: `${CONTROL_PREFIX}${route}` }
        : { method: "POST" as const, path: `${CONTROL_PREFIX}${route}`, body: JSON.stringify(body) };
    return JSON.parse(await this.http.ok(request)) as T;
  }
}
