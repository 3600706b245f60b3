import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import {
  FEED_FORMATS,
  MAX_SUMMARY_CHARS,
  MAX_TITLE_CHARS,
  MAX_URL_CHARS,
  NEWS_ORIGINS,
  SCORE_BPS_SCALE,
} from "@/domain/news/facts";
import { assets } from "./assets";

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));
const raw = (value: number) => sql.raw(String(value));
const withTimezone = { withTimezone: true } as const;

/** Feeds an admin registered for an asset, and what the poller last learned about each. */
export const newsSources = pgTable(
  "news_sources",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    asset: text("asset")
      .notNull()
      .references(() => assets.symbol),
    url: text("url").notNull(),
    /** The format the feed last served; null until its first successful fetch. */
    kind: text("kind", { enum: FEED_FORMATS }),
    /** Validators of the last 200 answer, sent back so an unchanged feed costs a 304. */
    etag: text("etag"),
    lastModified: text("last_modified"),
    lastFetchedAt: timestamp("last_fetched_at", withTimezone),
    lastSuccessAt: timestamp("last_success_at", withTimezone),
    /** A DomainErrorCode (NEWS_FEED_TIMEOUT...) and a message for the admin; null after a success. */
    lastErrorCode: text("last_error_code"),
    lastError: text("last_error"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** When the poller should fetch it next; while a poller holds it, the end of that lease. */
    nextDueAt: timestamp("next_due_at", withTimezone).notNull().defaultNow(),
    createdAt: timestamp("created_at", withTimezone).notNull().defaultNow(),
  },
  (t) => [
    unique("news_sources_asset_url").on(t.asset, t.url),
    // The poller's claim: the sources due soonest.
    index("news_sources_due_idx").on(t.nextDueAt),
    check("news_sources_kind_valid", sql`${t.kind} is null or ${t.kind} in (${list(FEED_FORMATS)})`),
    check("news_sources_url_length", sql`length(${t.url}) <= ${raw(MAX_URL_CHARS)}`),
    check("news_sources_failures_nonnegative", sql`${t.consecutiveFailures} >= 0`),
  ],
);

/**
 * One story per (asset, identity), scored when stored. Items outlive their source: removing a
 * feed keeps the history a backtest may already have used.
 */
export const newsItems = pgTable(
  "news_items",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    asset: text("asset")
      .notNull()
      .references(() => assets.symbol),
    sourceId: bigint("source_id", { mode: "bigint" }).references(() => newsSources.id, { onDelete: "set null" }),
    origin: text("origin", { enum: NEWS_ORIGINS }).notNull(),
    /** `guid:<guid>` or `url:<canonical url>`, see domain/news/news-item.ts. */
    identity: text("identity").notNull(),
    guid: text("guid"),
    url: text("url"),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    /** The feed's date, never later than fetchedAt. */
    publishedAt: timestamp("published_at", withTimezone).notNull(),
    /** Sentiment in basis points of [-1, 1]: an integer, so every driver reads back the same value. */
    scoreBps: integer("score_bps").notNull(),
    fetchedAt: timestamp("fetched_at", withTimezone).notNull().defaultNow(),
  },
  (t) => [
    // De-duplication: a re-fetched or re-imported story is not stored twice.
    unique("news_items_asset_identity").on(t.asset, t.identity),
    // An asset's news newest first (keyset on published_at, id), and its sentiment series over a range.
    index("news_items_asset_published_idx").on(t.asset, t.publishedAt, t.id),
    check("news_items_origin_valid", sql`${t.origin} in (${list(NEWS_ORIGINS)})`),
    check("news_items_score_range", sql`${t.scoreBps} between -${raw(SCORE_BPS_SCALE)} and ${raw(SCORE_BPS_SCALE)}`),
    check(
      "news_items_text_length",
      sql`length(${t.title}) between 1 and ${raw(MAX_TITLE_CHARS)} and length(${t.summary}) <= ${raw(MAX_SUMMARY_CHARS)}`,
    ),
    check("news_items_url_length", sql`${t.url} is null or length(${t.url}) <= ${raw(MAX_URL_CHARS)}`),
  ],
);
