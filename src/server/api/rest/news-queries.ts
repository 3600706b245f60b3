import { z } from "zod";
import { MAX_NEWS_PAGE, MAX_SENTIMENT_POINTS, SENTIMENT_HALF_LIFE_MS } from "@/domain/news/facts";
import { assetSymbol } from "../schemas";
import { newsItemCursor } from "../news-schemas";

/*
 * REST's inputs of the news routes: the asset in the path, the rest in the query. Numbers are
 * fresh instances here, never the tRPC schemas' (see schemas.ts beside this: trpc-to-openapi
 * coerces query strings by changing the number schemas it finds, in place).
 */

const epochMs = () => z.number().int().min(0).max(8_640_000_000_000_000);

export const assetNewsQuery = z.strictObject({
  asset: assetSymbol,
  cursor: newsItemCursor.optional().describe("The nextCursor of the previous page."),
  limit: z.number().int().min(1).max(MAX_NEWS_PAGE).default(20),
});

export const assetSentimentQuery = z.strictObject({
  asset: assetSymbol,
  startTime: epochMs().optional().describe("Epoch ms; default 30 days before endTime. At most 400 days before endTime."),
  endTime: epochMs().optional().describe("Epoch ms; default now."),
  halfLifeMs: z
    .number()
    .int()
    .min(SENTIMENT_HALF_LIFE_MS.min)
    .max(SENTIMENT_HALF_LIFE_MS.max)
    .optional()
    .describe("The decay's half-life; default 6 hours."),
  maxPoints: z.number().int().min(2).max(MAX_SENTIMENT_POINTS).default(500).describe("Points at most, for drawing."),
});
