/**
 * Each fact of the news room once: the schema's checks, the domain and the services import them.
 */

/** The formats feedsmith tells apart; a source records the one it last served. */
export const FEED_FORMATS = ["rss", "atom", "rdf", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** Where an item came from: a polled source, an admin typing it, or an uploaded feed file. */
export const NEWS_ORIGINS = ["feed", "manual", "import"] as const;
export type NewsOrigin = (typeof NEWS_ORIGINS)[number];

export const MAX_TITLE_CHARS = 300;
export const MAX_SUMMARY_CHARS = 1_000;
/** A GUID longer than this is not an id anyone means to compare; such an item falls back to its URL. */
export const MAX_GUID_CHARS = 512;
/** Longer addresses are almost always tracking junk, and an index on them must stay small. */
export const MAX_URL_CHARS = 2_048;
/** Items read from one document; feeds list their newest first, so the cut keeps the news. */
export const MAX_FEED_ITEMS = 200;

/** Scores are stored as integer basis points of [-1, 1]: -10000..10000, exact in any database. */
export const SCORE_BPS_SCALE = 10_000;

/** Rows one page of news items or sources holds at most, whatever the caller asks. */
export const MAX_NEWS_PAGE = 100;

/** What a score reads as, by labelOf's band (sentiment.ts). */
export const SENTIMENT_LABELS = ["positive", "neutral", "negative"] as const;

/** A source at a glance: never fetched yet, its last fetch worked, or its last fetch failed. */
export const NEWS_SOURCE_STATUSES = ["pending", "ok", "failing"] as const;
export type NewsSourceStatus = (typeof NEWS_SOURCE_STATUSES)[number];

/** A sentiment series' half-life: at least a minute, at most 30 days. */
export const SENTIMENT_HALF_LIFE_MS = { min: 60_000, max: 30 * 24 * 3_600_000 } as const;
/** Points a drawn sentiment series holds at most (a chart has no more pixels than that). */
export const MAX_SENTIMENT_POINTS = 2_000;
/** A sentiment series spans at most this (a backtest's range, a chart's). */
export const MAX_SENTIMENT_RANGE_MS = 400 * 24 * 3_600_000;
