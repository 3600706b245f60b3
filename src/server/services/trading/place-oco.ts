import type { PlaceOcoResult } from "../order-entry/commands";
import { submitCommand } from "../order-entry/order-entry";
import type { ServiceContext } from "../context";
import { getMarketScales } from "../markets/market-data";
import { type PlaceOcoRequest, parseOcoRequest } from "./order-input";

/**
 * Places an OCO pair (domain/oco.ts) as one command: both legs, their shared hold and, if the limit
 * leg crosses at once, its trades, in one transaction. The limit leg carries the clientOrderId,
 * the stop leg the same with OCO_STOP_SUFFIX; a retry returns both.
 */
export async function placeOcoOrder(ctx: ServiceContext, request: PlaceOcoRequest): Promise<PlaceOcoResult> {
  const market = await getMarketScales(ctx, request.market);
  const oco = parseOcoRequest(request, market);
  const isGeneratedId = request.clientOrderId === undefined;
  return submitCommand<"placeOco">(ctx, market.symbol, {
    kind: "placeOco",
    userId: request.userId,
    oco,
    clientOrderId: request.clientOrderId ?? crypto.randomUUID(),
    isGeneratedId,
  });
}
