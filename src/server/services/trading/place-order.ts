import type { PlaceResult } from "../order-entry/commands";
import { submitCommand } from "../order-entry/order-entry";
import type { ServiceContext } from "../context";
import { getMarketScales } from "../markets/market-data";
import { parseOrderRequest, type PlaceOrderRequest } from "./order-input";

export type PlaceOrderResult = PlaceResult;

/**
 * Places one order. Parsing needs only the market's scales, which never change, so they are kept
 * in process once seen; the rules themselves are checked again under the market lock, inside the batch
 * that executes the order, where the order, its fills, balance moves, ledger entries and events
 * commit together or not at all.
 */
export async function placeOrder(ctx: ServiceContext, request: PlaceOrderRequest): Promise<PlaceOrderResult> {
  const market = await getMarketScales(ctx, request.market);
  const order = parseOrderRequest(request, market);
  const isGeneratedId = request.clientOrderId === undefined;
  const clientOrderId = request.clientOrderId ?? crypto.randomUUID();
  return submitCommand<"place">(ctx, market.symbol, {
    kind: "place",
    userId: request.userId,
    order,
    clientOrderId,
    isGeneratedId,
  });
}
