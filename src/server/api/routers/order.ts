import { getOrder, listOrders } from "../../services/accounts/account-data";
import { amendOrder } from "../../services/trading/amend-order";
import { cancelAllOrders, cancelOrder } from "../../services/trading/cancel-order";
import { placeOrder } from "../../services/trading/place-order";
import { operation } from "../operation";
import { route } from "../rest/route-meta";
import { amendOrderBody, cancelAllQuery, clientOrderIdPath, listOrdersQuery, orderIdPath, placeOrderBody } from "../rest/schemas";
import {
  amendOrderInput,
  cancelAllInput,
  canceledCountOutput,
  listOrdersInput,
  orderOutput,
  orderRef,
  pageOf,
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

const place = operation(tradeProcedure, placeOrderInput, placeOrderOutput).mutation(({ ctx, input }) =>
  placeOrder(ctx.services, { ...input, userId: ctx.user.id }),
);
const amend = operation(tradeProcedure, amendOrderInput, orderOutput).mutation(({ ctx, input }) =>
  amendOrder(ctx.services, ctx.user.id, input.ref, { quantity: input.quantity }),
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
      description:
        "Send a clientOrderId and retry freely after a timeout: the same clientOrderId and payload returns the original order (`replayed: true`).",
      tag,
      access: "trade",
    }),
    placeOrderBody,
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
      summary: "Reduce an order's quantity, keeping its priority",
      tag,
      access: "trade",
    }),
    amendOrderBody,
    ({ orderId, quantity }) => ({ ref: { orderId }, quantity }),
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
