import { z } from "zod";
import { getBalances, listOwnTrades } from "../../services/accounts/account-data";
import { streamBalances, streamOrders } from "../../services/accounts/account-streams";
import { registerUser } from "../../services/accounts/register-user";
import { getProfile, signOutEverywhere } from "../../services/accounts/sessions";
import {
  balanceOutput,
  listOwnTradesInput,
  ownTradeOutput,
  pageOf,
  profileOutput,
  registerInput,
  registerOutput,
} from "../schemas";
import { trackedStream } from "../tracked-stream";
import { userStreamInput } from "../schemas";
import { createTRPCRouter, protectedProcedure, sessionProcedure, signUpProcedure } from "../trpc";

export const accountRouter = createTRPCRouter({
  register: signUpProcedure
    .input(registerInput)
    .output(registerOutput)
    .mutation(({ ctx, input }) => registerUser(ctx.services, input)),
  me: protectedProcedure.output(profileOutput).query(({ ctx }) => getProfile(ctx.services, ctx.user.id, ctx.user.via.kind)),
  /** Ends every session of this user on every device (API keys are revoked one by one). */
  signOutEverywhere: sessionProcedure
    .output(z.object({ tokenVersion: z.number().int() }))
    .mutation(({ ctx }) => signOutEverywhere(ctx.services, ctx.user.id)),
  balances: protectedProcedure.output(z.array(balanceOutput)).query(({ ctx }) => getBalances(ctx.services, ctx.user.id)),
  trades: protectedProcedure
    .input(listOwnTradesInput)
    .output(pageOf(ownTradeOutput))
    .query(({ ctx, input }) => listOwnTrades(ctx.services, { userId: ctx.user.id, ...input })),
  /** The caller's order updates and fills (topic user:<own id>): snapshot of open orders, then events. */
  onOrders: protectedProcedure
    .input(userStreamInput)
    .subscription(async ({ ctx, input, signal }) =>
      trackedStream(await streamOrders(ctx.services, { userId: ctx.user.id, lastEventId: input?.lastEventId, signal })),
    ),
  /** The caller's balances: a snapshot of all of them, then each change. */
  onBalances: protectedProcedure
    .input(userStreamInput)
    .subscription(async ({ ctx, input, signal }) =>
      trackedStream(await streamBalances(ctx.services, { userId: ctx.user.id, lastEventId: input?.lastEventId, signal })),
    ),
});
