import { ALL_ORDER_TYPES, SIDES, STP_MODES, TIME_IN_FORCE } from "@/domain/types";
import type { RateLimits } from "../../limits/rate-limits";
import { getMarketRules } from "../../services/markets/market-data";
import { operationWithoutInput } from "../operation";
import { exchangeInfoOutput, serverTimeOutput } from "../rest/schemas";
import { publicProcedure } from "../trpc";

/** REST only: exchange clients expect these two; a tRPC client has market.list and its own clock. */

function rateLimitsOf(limits: RateLimits | null) {
  if (!limits) return [];
  return [
    { name: "orders" as const, limit: limits.orders.policy.points, intervalSeconds: limits.orders.policy.durationSec },
    { name: "apiReads" as const, limit: limits.apiReads.policy.points, intervalSeconds: limits.apiReads.policy.durationSec },
    { name: "backtests" as const, limit: limits.backtests.policy.points, intervalSeconds: limits.backtests.policy.durationSec },
  ];
}

export const serverTime = operationWithoutInput(publicProcedure, serverTimeOutput).query(async () => ({
  serverTime: Date.now(),
}));
export const exchangeInfo = operationWithoutInput(publicProcedure, exchangeInfoOutput).query(async ({ ctx }) => ({
  serverTime: Date.now(),
  rateLimits: rateLimitsOf(ctx.limits),
  markets: await getMarketRules(ctx.services),
  enums: { side: [...SIDES], type: [...ALL_ORDER_TYPES], timeInForce: [...TIME_IN_FORCE], selfTradePrevention: [...STP_MODES] },
}));
