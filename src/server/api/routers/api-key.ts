import { z } from "zod";
import { createApiKey, listApiKeys, revokeOwnApiKey } from "../../services/accounts/api-keys";
import { apiKeyIdInput, apiKeyOutput, createApiKeyInput, createdApiKeyOutput } from "../schemas";
import { createTRPCRouter, sessionProcedure } from "../trpc";

/** Keys are managed at the website only: a key that could mint keys could outlive its own revocation. */
export const apiKeyRouter = createTRPCRouter({
  create: sessionProcedure
    .input(createApiKeyInput)
    .output(createdApiKeyOutput)
    .mutation(({ ctx, input }) => createApiKey(ctx.services, { userId: ctx.user.id, ...input })),
  list: sessionProcedure.output(z.array(apiKeyOutput)).query(({ ctx }) => listApiKeys(ctx.services, ctx.user.id)),
  revoke: sessionProcedure
    .input(apiKeyIdInput)
    .output(z.object({ revoked: z.literal(true) }))
    .mutation(({ ctx, input }) => revokeOwnApiKey(ctx.services, ctx.user.id, input.id)),
});
