import { getOrder, listOrders } from "../../services/accounts/account-data";
import { amendOrder } from "../../services/trading/amend-order";
import { cancelAllOrders, cancelOrder } from "../../services/trading/cancel-order";
import { placeOcoOrder } from "../../services/trading/place-oco";
import { placeOrder } from "../../services/trading/place-order";
import { operation } from "../operation";
import { route } from "../rest/route-meta";
import {
  amendOrderBody,
  cancelAllQuery,
  clientOrderIdPath,
  listOrdersQuery,
  orderIdPath,
  placeOcoBody,
  placeOrderBody,
} from "../rest/schemas";
import {
  amendOrderInput,
  cancelAllInput,
  canceledCountOutput,
  listOrdersInput,
  orderOutput,
  orderRef,
  pageOf,
  placeOcoInput,
  placeOcoOutput,
  placeOrderInput,
  placeOrderOutput,
} from "../schemas";
import { createTRPCRouter, protectedProcedure, tradeProcedure } from "../trpc";

/*
 * Each order operation is defined once: who may call it (the builder), its tRPC input, its output and
 * the service it runs. orderRouter serves them as tRPC `order.*`, orderRestRoutes as REST under /orders.
 */

/** The section of the REST docs that lists these routes. */
const tag = "Orders";

const PLACE_DESCRIPTION = `Send a clientOrderId and retry freely after a timeout: the same clientOrderId and payload returns the original order (\`replayed: true\`).

Conditional orders wait, holding what they may spend, until the last trade price reaches their trigger; they then execute as a limit (\`*_LIMIT\`) or market order in the same transaction as that trade. While waiting they are \`status: NEW\` with \`triggerStatus: PENDING\`. A trigger the last price has already reached is refused (\`TRIGGER_WOULD_FIRE_NOW\`). A buy at market (stop, take-profit, trailing) spends a \`quoteAmount\`.

Examples:
- limit: \`{"market":"ACME-USD","side":"BUY","type":"LIMIT","price":"125.30","quantity":"2","clientOrderId":"my-1"}\`
- stop-limit sell: \`{"market":"ACME-USD","side":"SELL","type":"STOP_LIMIT","triggerPrice":"120.00","price":"119.50","quantity":"2"}\`
- take-profit sell at market: \`{"market":"ACME-USD","side":"SELL","type":"TAKE_PROFIT_MARKET","triggerPrice":"140.00","quantity":"2"}\`
- stop buy at market: \`{"market":"ACME-USD","side":"BUY","type":"STOP_MARKET","triggerPrice":"130.00","quoteAmount":"250.00"}\`
- trailing sell, 1.5 % behind the high once the price reaches 130: \`{"market":"ACME-USD","side":"SELL","type":"TRAILING_STOP","trailingBps":150,"activationPrice":"130.00","quantity":"2"}\``;

const OCO_DESCRIPTION = `Places two orders in one transaction: a GTC limit leg and a stop leg (stop-limit with \`stopLimitPrice\`, else stop-market; a buy needs the stop-limit). When either trades or triggers, the other is canceled; canceling either cancels both. The pair holds once, what its costlier leg may spend. A sell OCO's limit must lie above the last trade price and its trigger below (a buy's the reverse), else \`OCO_PRICES_INCONSISTENT\`.

Example (take profit at 140, stop out at 120, sell at 119.50 or better): \`{"market":"ACME-USD","side":"SELL","quantity":"2","price":"140.00","triggerPrice":"120.00","stopLimitPrice":"119.50","clientOrderId":"exit-1"}\``;

const AMEND_DESCRIPTION = `Give \`quantity\` (the new total, fills included), \`price\`, or both. Quantity down at the same price keeps the order's place in the queue. A new price or more quantity is a cancel-replace in one transaction: the order keeps its id and clientOrderId but goes to the back of its (new) price level, its hold is recomputed, and at a crossing price it trades first as a taker (a post-only order is refused instead, \`AMEND_WOULD_TAKE\`). Conditional orders waiting for their trigger and live OCO legs are not amendable (\`ORDER_NOT_AMENDABLE\`).

Example: \`{"price":"126.00"}\``;

const place = operation(tradeProcedure, placeOrderInput, placeOrderOutput).mutation(({ ctx, input }) =>
  placeOrder(ctx.services, { ...input, userId: ctx.user.id }),
);
const placeOco = operation(tradeProcedure, placeOcoInput, placeOcoOutput).mutation(({ ctx, input }) =>
  placeOcoOrder(ctx.services, { ...input, userId: ctx.user.id }),
);
const amend = operation(tradeProcedure, amendOrderInput, orderOutput).mutation(({ ctx, input }) =>
  amendOrder(ctx.services, ctx.user.id, input.ref, { quantity: input.quantity, price: input.price }),
);
const cancel = operation(tradeProcedure, orderRef, orderOutput).mutation(({ ctx, input }) =>
  cancelOrder(ctx.services, ctx.user.id, input),
);
const cancelAll = operation(tradeProcedure, cancelAllInput, canceledCountOutput).mutation(({ ctx, input }) =>
  cancelAllOrders(ctx.services, ctx.user.id, input?.market),
);
const byId = operation(protectedProcedure, orderRef, orderOutput).query(({ ctx, input }) =>
  getOrder(ctx.services, ctx.user.id, input),
);
const list = operation(protectedProcedure, listOrdersInput, pageOf(orderOutput)).query(({ ctx, input }) =>
  listOrders(ctx.services, {
    userId: ctx.user.id,
    market: input.market,
    open: input.status === "open",
    cursor: input.cursor,
    limit: input.limit,
  }),
);

export const orderRouter = createTRPCRouter({
  place: place.procedure,
  placeOco: placeOco.procedure,
  amend: amend.procedure,
  cancel: cancel.procedure,
  cancelAll: cancelAll.procedure,
  byId: byId.procedure,
  list: list.procedure,
});

/** REST adds its method, path and docs, and its own input: ids in the path, paging in the query. */
export const orderRestRoutes = {
  placeOrder: place.rest(
    route("POST", "/orders", {
      operationId: "placeOrder",
      summary: "Place an order",
      description: PLACE_DESCRIPTION,
      tag,
      access: "trade",
    }),
    placeOrderBody,
  ),
  placeOcoOrder: placeOco.rest(
    route("POST", "/orders/oco", {
      operationId: "placeOcoOrder",
      summary: "Place an OCO: a limit and a stop, one cancelling the other",
      description: OCO_DESCRIPTION,
      tag,
      access: "trade",
    }),
    placeOcoBody,
  ),
  listOrders: list.rest(
    route("GET", "/orders", {
      operationId: "listOrders",
      summary: "Open orders (status=open) or order history",
      tag,
      access: "read",
    }),
    listOrdersQuery,
  ),
  getOrder: byId.rest(
    route("GET", "/orders/{orderId}", { operationId: "getOrder", summary: "One order by id", tag, access: "read" }),
    orderIdPath,
  ),
  getOrderByClientId: byId.rest(
    route("GET", "/orders/by-client-id/{clientOrderId}", {
      operationId: "getOrderByClientId",
      summary: "One order by clientOrderId",
      tag,
      access: "read",
    }),
    clientOrderIdPath,
  ),
  amendOrder: amend.rest(
    route("PATCH", "/orders/{orderId}", {
      operationId: "amendOrder",
      summary: "Amend an open limit order's price or quantity",
      description: AMEND_DESCRIPTION,
      tag,
      access: "trade",
    }),
    amendOrderBody,
    ({ orderId, quantity, price }) => ({ ref: { orderId }, quantity, price }),
  ),
  cancelOrder: cancel.rest(
    route("DELETE", "/orders/{orderId}", { operationId: "cancelOrder", summary: "Cancel an order by id", tag, access: "trade" }),
    orderIdPath,
  ),
  cancelOrderByClientId: cancel.rest(
    route("DELETE", "/orders/by-client-id/{clientOrderId}", {
      operationId: "cancelOrderByClientId",
      summary: "Cancel an order by clientOrderId",
      tag,
      access: "trade",
    }),
    clientOrderIdPath,
  ),
  cancelAll: cancelAll.rest(
    route("DELETE", "/orders", {
      operationId: "cancelAllOrders",
      summary: "Cancel all open orders, in one market or everywhere",
      tag,
      access: "trade",
    }),
    cancelAllQuery,
  ),
};
