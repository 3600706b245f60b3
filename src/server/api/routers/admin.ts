import { adminDeposit, adminWithdraw, findUserForAdmin } from "../../services/admin/admin-funding";
import { changeMarketStatus, createAsset, createMarket } from "../../services/admin/admin-markets";
import {
  adminFindUserInput,
  adminFundingInput,
  adminUserOutput,
  assetOutput,
  balanceOutput,
  createAssetInput,
  createMarketInput,
  marketOutput,
  setMarketStatusInput,
} from "../schemas";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const adminRouter = createTRPCRouter({
  findUser: adminProcedure
    .input(adminFindUserInput)
    .output(adminUserOutput)
    .query(({ ctx, input }) => findUserForAdmin(ctx.services, input.email)),
  deposit: adminProcedure
    .input(adminFundingInput)
    .output(balanceOutput)
    .mutation(({ ctx, input }) => adminDeposit(ctx.services, { adminId: ctx.user.id, ...input })),
  withdraw: adminProcedure
    .input(adminFundingInput)
    .output(balanceOutput)
    .mutation(({ ctx, input }) => adminWithdraw(ctx.services, { adminId: ctx.user.id, ...input })),
  createAsset: adminProcedure
    .input(createAssetInput)
    .output(assetOutput)
    .mutation(({ ctx, input }) => createAsset(ctx.services, input)),
  createMarket: adminProcedure
    .input(createMarketInput)
    .output(marketOutput)
    .mutation(({ ctx, input }) => createMarket(ctx.services, input)),
  setMarketStatus: adminProcedure
    .input(setMarketStatusInput)
    .output(marketOutput)
    .mutation(({ ctx, input }) => changeMarketStatus(ctx.services, input.symbol, input.status)),
});
