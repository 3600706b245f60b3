import { z } from "zod";
import { getBalances, listOwnTrades } from "../../services/account-data";
import { balanceOutput, listOwnTradesInput, ownTradeOutput, pageOf } from "../schemas";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const accountRouter = createTRPCRouter({
  balances: protectedProcedure.output(z.array(balanceOutput)).query(({ ctx }) => getBalances(ctx.services, ctx.user.id)),
  trades: protectedProcedure
    .input(listOwnTradesInput)
    .output(pageOf(ownTradeOutput))
    .query(({ ctx, input }) => listOwnTrades(ctx.services, { userId: ctx.user.id, ...input })),
});
