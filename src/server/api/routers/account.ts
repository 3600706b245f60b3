import { z } from "zod";
import { getBalances, listOwnTrades } from "../../services/accounts/account-data";
import { streamBalances, streamOrders } from "../../services/accounts/account-streams";
import { registerUser } from "../../services/accounts/register-user";
import { getProfile, signOutEverywhere } from "../../services/accounts/sessions";
import { operation, operationWithoutInput } from "../operation";
import { route } from "../rest/route-meta";
import { ownTradesQuery } from "../rest/schemas";
import {
  balanceOutput,
  listOwnTradesInput,
  ownTradeOutput,
  pageOf,
  profileOutput,
  registerInput,
  registerOutput,
  userStreamInput,
} from "../schemas";
import { trackedStream } from "../tracked-stream";
import { createTRPCRouter, protectedProcedure, sessionProcedure, signUpProcedure } from "../trpc";

/*
 * The two account reads a bot needs are operations, served as tRPC `account.*` and as REST under
 * /account; the rest of this router (sign-up, sessions, streams) is for tRPC only.
 */

/** The section of the REST docs that lists these routes. */
const tag = "Account";

const balances = operationWithoutInput(protectedProcedure, z.array(balanceOutput)).query(({ ctx }) =>
  getBalances(ctx.services, ctx.user.id),
);
const trades = operation(protectedProcedure, listOwnTradesInput, pageOf(ownTradeOutput)).query(({ ctx, input }) =>
  listOwnTrades(ctx.services, { userId: ctx.user.id, ...input }),
);

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
  balances: balances.procedure,
  trades: trades.procedure,
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

export const accountRestRoutes = {
  balances: balances.rest(
    route("GET", "/account/balances", {
      operationId: "getBalances",
      summary: "Balances: available (free) and held (locked)",
      tag,
      access: "read",
    }),
  ),
  myTrades: trades.rest(
    route("GET", "/account/trades", {
      operationId: "listMyTrades",
      summary: "Own fills with fee and maker/taker flag, newest first",
      tag,
      access: "read",
    }),
    ownTradesQuery,
  ),
};
