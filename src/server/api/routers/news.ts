import { z } from "zod";
import { addNewsItem, importNewsFile, listNewsItems } from "../../services/research/news/news-items";
import { listNewsSources, registerNewsSource, removeNewsSource } from "../../services/research/news/news-sources";
import { streamNewsItems } from "../../services/research/news/news-stream";
import { newsSentimentSeries } from "../../services/research/news/sentiment-series";
import {
  addNewsItemInput,
  addNewsSourceInput,
  importNewsInput,
  importNewsOutput,
  listNewsInput,
  listNewsSourcesInput,
  newsItemOutput,
  newsSourceIdInput,
  newsSourceOutput,
  newsStreamInput,
  sentimentInput,
  sentimentOutput,
} from "../news-schemas";
import { operation } from "../operation";
import { assetNewsQuery, assetSentimentQuery } from "../rest/news-queries";
import { route } from "../rest/route-meta";
import { pageOf } from "../schemas";
import { trackedStream } from "../tracked-stream";
import { adminProcedure, createTRPCRouter, publicProcedure } from "../trpc";

/*
 * News per asset: anyone reads an asset's items, its sentiment series and the live stream of new
 * items (tRPC `news.*`, the reads also REST under /assets/{asset}); admins manage the feeds and
 * add items by hand or from a file. Admin procedures take a website session only (never an API
 * key), so they are tRPC only: REST takes API keys only.
 */

/** The section of the REST docs that lists these routes. */
const tag = "News";
/** A sentiment series without a start covers this much before its end. */
const DEFAULT_SENTIMENT_RANGE_MS = 30 * 24 * 3_600_000;

const list = operation(publicProcedure, listNewsInput, pageOf(newsItemOutput)).query(({ ctx, input }) =>
  listNewsItems(ctx.services, input),
);
const sentiment = operation(publicProcedure, sentimentInput, sentimentOutput).query(({ ctx, input }) => {
  const toMs = input.toMs ?? Date.now();
  const fromMs = input.fromMs ?? Math.max(0, toMs - DEFAULT_SENTIMENT_RANGE_MS);
  return newsSentimentSeries(ctx.services, { ...input, fromMs, toMs });
});

const sourcesRouter = createTRPCRouter({
  list: operation(adminProcedure, listNewsSourcesInput, pageOf(newsSourceOutput)).query(({ ctx, input }) =>
    listNewsSources(ctx.services, input),
  ).procedure,
  add: operation(adminProcedure, addNewsSourceInput, newsSourceOutput).mutation(({ ctx, input }) =>
    registerNewsSource(ctx.services, input),
  ).procedure,
  remove: operation(adminProcedure, newsSourceIdInput, z.object({ id: z.string() })).mutation(async ({ ctx, input }) => {
    await removeNewsSource(ctx.services, input);
    return { id: input.id };
  }).procedure,
});

export const newsRouter = createTRPCRouter({
  list: list.procedure,
  sentiment: sentiment.procedure,
  onItems: publicProcedure
    .input(newsStreamInput)
    .subscription(async ({ ctx, input, signal }) => trackedStream(await streamNewsItems(ctx.services, { ...input, signal }))),
  sources: sourcesRouter,
  add: operation(adminProcedure, addNewsItemInput, newsItemOutput).mutation(({ ctx, input }) => addNewsItem(ctx.services, input))
    .procedure,
  import: operation(adminProcedure, importNewsInput, importNewsOutput).mutation(({ ctx, input }) =>
    importNewsFile(ctx.services, input),
  ).procedure,
});

/** REST names the asset in the path and a sentiment range startTime/endTime, as klines do. */
export const newsRestRoutes = {
  assetNews: list.rest(
    route("GET", "/assets/{asset}/news", {
      operationId: "listAssetNews",
      summary: "An asset's news, newest first, each with its sentiment score and label",
      description:
        "Pages of at most 100; pass the previous page's `nextCursor` as `cursor` for older items. `score` is in [-1, 1]; `label` is positive above 0.05, negative below -0.05, neutral between.",
      tag,
      access: "public",
    }),
    assetNewsQuery,
  ),
  assetSentiment: sentiment.rest(
    route("GET", "/assets/{asset}/sentiment", {
      operationId: "getAssetSentiment",
      summary: "An asset's rolling news sentiment (time-decayed mean of item scores) over a range",
      description:
        "Points `{ timeMs, score }` with strictly increasing times; a point holds until the next. At most `maxPoints`: the value known at the end of each of that many slices of the range.",
      tag,
      access: "public",
    }),
    assetSentimentQuery,
    ({ asset, startTime, endTime, halfLifeMs, maxPoints }) => ({
      asset,
      fromMs: startTime,
      toMs: endTime,
      halfLifeMs,
      maxPoints,
    }),
  ),
};
