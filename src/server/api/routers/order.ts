import { z } from "zod";
import { getOrder, listOrders } from "../../services/accounts/account-data";
import { amendOrder } from "../../services/trading/amend-order";
import { cancelAllOrders, cancelOrder } from "../../services/trading/cancel-order";
import { placeOrder } from "../../services/trading/place-order";
import {
  amendOrderInput,
  cancelAllInput,
  listOrdersInput,
  orderOutput,
  orderRef,
  pageOf,
  placeOrderInput,
  placeOrderOutput,
} from "../schemas";
import { createTRPCRouter, protectedProcedure, tradeProcedure } from "../trpc";

export const orderRouter = createTRPCRouter({
  place: tradeProcedure
    .input(placeOrderInput)
    .output(placeOrderOutput)
    .mutation(({ ctx, input }) => placeOrder(ctx.services, { ...input, userId: ctx.user.id })),
  amend: tradeProcedure
    .input(amendOrderInput)
    .output(orderOutput)
    .mutation(({ ctx, input }) => amendOrder(ctx.services, ctx.user.id, input.ref, input.quantity)),
  cancel: tradeProcedure
    .input(orderRef)
    .output(orderOutput)
    .mutation(({ ctx, input }) => cancelOrder(ctx.services, ctx.user.id, input)),
  cancelAll: tradeProcedure
    .input(cancelAllInput)
    .output(z.object({ canceled: z.number().int() }))
    .mutation(({ ctx, input }) => cancelAllOrders(ctx.services, ctx.user.id, input?.market)),
  byId: protectedProcedure
    .input(orderRef)
    .output(orderOutput)
    .query(({ ctx, input }) => getOrder(ctx.services, ctx.user.id, input)),
  list: protectedProcedure
    .input(listOrdersInput)
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
});
