import { z } from "zod";
import { getBalances, getOrder, listOrders, listOwnTrades } from "../../services/accounts/account-data";
import { amendOrder } from "../../services/trading/amend-order";
import { cancelAllOrders, cancelOrder } from "../../services/trading/cancel-order";
import { placeOrder } from "../../services/trading/place-order";
import { balanceOutput, decimalString, orderId, orderOutput, ownTradeOutput, pageOf, placeOrderOutput } from "../schemas";
import { createTRPCRouter, protectedProcedure, tradeProcedure } from "../trpc";
import { route } from "./route-meta";
import {
  canceledCountOutput,
  cancelAllQuery,
  clientOrderIdPath,
  listOrdersQuery,
  orderIdPath,
  ownTradesQuery,
  placeOrderBody,
} from "./schemas";

/**
 * Private REST: balances, orders and own trades for `Authorization: Bearer <apiKey>` callers.
 * The same procedure builders as tRPC, so scopes, rate limits and error mapping are identical.
 */

const account = "Account";
const orders = "Orders";

export const restTradingRouter = createTRPCRouter({
  balances: protectedProcedure
    .meta(
      route("GET", "/account/balances", {
        operationId: "getBalances",
        summary: "Balances: available (free) and held (locked)",
        tag: account,
        access: "read",
      }),
    )
    .output(z.array(balanceOutput))
    .query(({ ctx }) => getBalances(ctx.services, ctx.user.id)),
  myTrades: protectedProcedure
    .meta(
      route("GET", "/account/trades", {
        operationId: "listMyTrades",
        summary: "Own fills with fee and maker/taker flag, newest first",
        tag: account,
        access: "read",
      }),
    )
    .input(ownTradesQuery)
    .output(pageOf(ownTradeOutput))
    .query(({ ctx, input }) => listOwnTrades(ctx.services, { userId: ctx.user.id, ...input })),
  placeOrder: tradeProcedure
    .meta(
      route("POST", "/orders", {
        operationId: "placeOrder",
        summary: "Place an order",
        description:
          "Send a clientOrderId and retry freely after a timeout: the same clientOrderId and payload returns the original order (`replayed: true`).",
        tag: orders,
        access: "trade",
      }),
    )
    .input(placeOrderBody)
    .output(placeOrderOutput)
    .mutation(({ ctx, input }) => placeOrder(ctx.services, { ...input, userId: ctx.user.id })),
  listOrders: protectedProcedure
    .meta(
      route("GET", "/orders", {
        operationId: "listOrders",
        summary: "Open orders (status=open) or order history",
        tag: orders,
        access: "read",
      }),
    )
    .input(listOrdersQuery)
    .output(pageOf(orderOutput))
    .query(({ ctx, input }) =>
      listOrders(ctx.services, {
        userId: ctx.user.id,
        market: input.market,
        open: input.status === "open",
        cursor: input.cursor,
        limit: input.limit,
      }),
    ),
  getOrder: protectedProcedure
    .meta(route("GET", "/orders/{orderId}", { operationId: "getOrder", summary: "One order by id", tag: orders, access: "read" }))
    .input(orderIdPath)
    .output(orderOutput)
    .query(({ ctx, input }) => getOrder(ctx.services, ctx.user.id, input)),
  getOrderByClientId: protectedProcedure
    .meta(
      route("GET", "/orders/by-client-id/{clientOrderId}", {
        operationId: "getOrderByClientId",
        summary: "One order by clientOrderId",
        tag: orders,
        access: "read",
      }),
    )
    .input(clientOrderIdPath)
    .output(orderOutput)
    .query(({ ctx, input }) => getOrder(ctx.services, ctx.user.id, input)),
  amendOrder: tradeProcedure
    .meta(
      route("PATCH", "/orders/{orderId}", {
        operationId: "amendOrder",
        summary: "Reduce an order's quantity, keeping its priority",
        tag: orders,
        access: "trade",
      }),
    )
    .input(z.strictObject({ orderId, quantity: decimalString }))
    .output(orderOutput)
    .mutation(({ ctx, input }) => amendOrder(ctx.services, ctx.user.id, { orderId: input.orderId }, input.quantity)),
  cancelOrder: tradeProcedure
    .meta(
      route("DELETE", "/orders/{orderId}", {
        operationId: "cancelOrder",
        summary: "Cancel an order by id",
        tag: orders,
        access: "trade",
      }),
    )
    .input(orderIdPath)
    .output(orderOutput)
    .mutation(({ ctx, input }) => cancelOrder(ctx.services, ctx.user.id, input)),
  cancelOrderByClientId: tradeProcedure
    .meta(
      route("DELETE", "/orders/by-client-id/{clientOrderId}", {
        operationId: "cancelOrderByClientId",
        summary: "Cancel an order by clientOrderId",
        tag: orders,
        access: "trade",
      }),
    )
    .input(clientOrderIdPath)
    .output(orderOutput)
    .mutation(({ ctx, input }) => cancelOrder(ctx.services, ctx.user.id, input)),
  cancelAll: tradeProcedure
    .meta(
      route("DELETE", "/orders", {
        operationId: "cancelAllOrders",
        summary: "Cancel all open orders, in one market or everywhere",
        tag: orders,
        access: "trade",
      }),
    )
    .input(cancelAllQuery)
    .output(canceledCountOutput)
    .mutation(({ ctx, input }) => cancelAllOrders(ctx.services, ctx.user.id, input.market)),
});
