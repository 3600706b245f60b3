import { z } from "zod";
import { getAssets } from "../../services/markets/market-data";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const assetRouter = createTRPCRouter({
  list: publicProcedure
    .output(z.array(z.object({ symbol: z.string(), name: z.string(), scale: z.number().int() })))
    .query(({ ctx }) => getAssets(ctx.services)),
});
