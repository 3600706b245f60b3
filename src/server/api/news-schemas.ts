import { z } from "zod";
import {
  FEED_FORMATS,
  MAX_NEWS_PAGE,
  MAX_SENTIMENT_POINTS,
  MAX_SUMMARY_CHARS,
  MAX_TITLE_CHARS,
  MAX_URL_CHARS,
  NEWS_ORIGINS,
  NEWS_SOURCE_STATUSES,
  SENTIMENT_HALF_LIFE_MS,
  SENTIMENT_LABELS,
} from "@/domain/news/facts";
import { assetSymbol, cursor, lastEventId } from "./schemas";

/*
 * The news procedures' schemas, beside the others (schemas.ts) but in their own module: the
 * admin forms import them too. Text limits are the domain's (domain/news/facts.ts); the service
 * still normalises what passes (HTML stripped, whitespace collapsed, URL canonical).
 */

const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
/** `<publishedAt ms>_<id>`, as news.list hands it out. */
export const newsItemCursor = z
  .string()
  .max(40)
  .regex(/^\d{1,15}_\d{1,19}$/, "A news cursor is the nextCursor of a page.");
const httpUrl = z
  .string()
  .max(MAX_URL_CHARS)
  .regex(/^https?:\/\//i, "An http(s) address.");

export const listNewsInput = z.strictObject({
  asset: assetSymbol,
  cursor: newsItemCursor.optional(),
  limit: z.number().int().min(1).max(MAX_NEWS_PAGE).default(20),
});

export const sentimentInput = z.strictObject({
  asset: assetSymbol,
  /** Epoch ms; default 30 days before toMs. The service refuses a range past 400 days. */
  fromMs: epochMs.optional(),
  /** Epoch ms; default now. */
  toMs: epochMs.optional(),
  halfLifeMs: z.number().int().min(SENTIMENT_HALF_LIFE_MS.min).max(SENTIMENT_HALF_LIFE_MS.max).optional(),
  maxPoints: z.number().int().min(2).max(MAX_SENTIMENT_POINTS).default(500),
});

export const newsStreamInput = z.strictObject({ asset: assetSymbol, lastEventId });

export const listNewsSourcesInput = z.strictObject({
  asset: assetSymbol.optional(),
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(MAX_NEWS_PAGE).default(50),
});
export const addNewsSourceInput = z.strictObject({ asset: assetSymbol, url: httpUrl });
export const newsSourceIdInput = z.strictObject({ id: cursor });

export const addNewsItemInput = z.strictObject({
  asset: assetSymbol,
  title: z.string().trim().min(1, "A headline is needed.").max(MAX_TITLE_CHARS),
  summary: z.string().max(MAX_SUMMARY_CHARS).optional(),
  url: httpUrl.optional(),
  /** ISO 8601 with its offset; now when omitted, and never later than now. */
  publishedAt: z.iso.datetime({ offset: true }).optional(),
});

/** tRPC bodies stop at 64 KiB (http/limits.ts); a file's text must fit in one with room to spare. */
export const MAX_IMPORT_CHARS = 60_000;
export const importNewsInput = z.strictObject({
  asset: assetSymbol,
  contents: z.string().min(1).max(MAX_IMPORT_CHARS, `A file of at most ${MAX_IMPORT_CHARS} characters.`),
  /** Where the file came from, to resolve its relative links. */
  baseUrl: httpUrl.optional(),
});

export const newsItemOutput = z.object({
  id: z.string(),
  asset: z.string(),
  sourceId: z.string().nullable(),
  origin: z.enum(NEWS_ORIGINS),
  title: z.string(),
  summary: z.string(),
  url: z.string().nullable(),
  publishedAt: z.string(),
  score: z.number().min(-1).max(1),
  label: z.enum(SENTIMENT_LABELS),
  fetchedAt: z.string(),
});

export const sentimentOutput = z.object({
  points: z.array(z.object({ timeMs: z.number().int(), score: z.number().min(-1).max(1) })),
  halfLifeMs: z.number().int(),
  isTruncated: z.boolean(),
});

export const newsSourceOutput = z.object({
  id: z.string(),
  asset: z.string(),
  url: z.string(),
  kind: z.enum(FEED_FORMATS).nullable(),
  status: z.enum(NEWS_SOURCE_STATUSES),
  lastFetchedAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  nextDueAt: z.string(),
  createdAt: z.string(),
});

export const importNewsOutput = z.object({
  format: z.enum(FEED_FORMATS),
  added: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
});
