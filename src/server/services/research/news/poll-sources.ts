import { getEnv, type Env } from "@/env";
import { isDomainError } from "@/domain/errors";
import { parseFeedDocument } from "@/domain/news/parse-feed";
import { nextDueAfterFailure, nextDueAfterSuccess } from "@/domain/news/poll-schedule";
import {
  claimDueNewsSources,
  type NewsSourceRow,
  recordNewsFetchFailure,
  recordNewsFetchNotModified,
  recordNewsFetchSuccess,
} from "../../../db/queries/news-sources";
import { inTransaction } from "../../../db/transaction";
import { logger } from "../../../logger";
import type { ServiceContext } from "../../context";
import { type FeedFetchLimits, fetchFeed } from "@/server/outbound/fetch-feed";
import { draftNews, publishNews, writeNews } from "./store-news";

export interface NewsPollOptions extends FeedFetchLimits {
  /** Fetches at once. */
  concurrency: number;
  /** Sources claimed per poll; the rest wait for the next one. */
  batchSize: number;
  /** Between two fetches of a source that answers. */
  refreshMs: number;
}

export function newsPollOptions(env: Env = getEnv()): NewsPollOptions {
  return {
    concurrency: env.NEWS_POLL_CONCURRENCY,
    batchSize: env.NEWS_POLL_CONCURRENCY * 5,
    refreshMs: env.NEWS_SOURCE_REFRESH_MS,
    timeoutMs: env.NEWS_FETCH_TIMEOUT_MS,
    maxBytes: env.NEWS_FETCH_MAX_BYTES,
    maxRedirects: env.NEWS_FETCH_MAX_REDIRECTS,
    allowPrivateHosts: env.NEWS_ALLOW_PRIVATE_HOSTS,
  };
}

export interface SourcePollOutcome {
  sourceId: string;
  status: "fetched" | "not-modified" | "failed";
  added: number;
  errorCode: string | null;
  durationMs: number;
}

/** Time a claimed source may spend waiting for a free lane and in its own fetch, plus the database. */
const LEASE_SLACK_MS = 60_000;

/**
 * Fetches every due source, `concurrency` at a time. Each fetch has its own timeout and byte
 * cap, so a slow or huge feed holds one lane for at most the timeout while the others go on;
 * each outcome (items stored, 304, or the error with its backoff) is recorded on its source and
 * no failure stops the others.
 */
export async function pollDueSources(
  ctx: ServiceContext,
  options: NewsPollOptions = newsPollOptions(),
): Promise<SourcePollOutcome[]> {
  const nowMs = Date.now();
  const rounds = Math.ceil(options.batchSize / options.concurrency);
  const claimed = await claimDueNewsSources(ctx.db, {
    now: new Date(nowMs),
    leaseUntil: new Date(nowMs + rounds * options.timeoutMs + LEASE_SLACK_MS),
    limit: options.batchSize,
  });
  return inLanes(claimed, options.concurrency, (source) => pollSource(ctx, source, options));
}

async function pollSource(ctx: ServiceContext, source: NewsSourceRow, options: NewsPollOptions): Promise<SourcePollOutcome> {
  const startedMs = Date.now();
  const outcome = (status: SourcePollOutcome["status"], added: number, errorCode: string | null): SourcePollOutcome => ({
    sourceId: source.id.toString(),
    status,
    added,
    errorCode,
    durationMs: Date.now() - startedMs,
  });
  try {
    const answer = await fetchFeed(source.url, { etag: source.etag, lastModified: source.lastModified }, options);
    const fetchedMs = Date.now();
    const answered = {
      id: source.id,
      fetchedAt: new Date(fetchedMs),
      nextDueAt: new Date(nextDueAfterSuccess(fetchedMs, options.refreshMs)),
    };
    if (answer.status === "not-modified") {
      await recordNewsFetchNotModified(ctx.db, answered);
      return outcome("not-modified", 0, null);
    }
    const feed = parseFeedDocument(answer.body, { baseUrl: answer.finalUrl });
    const { drafts } = draftNews({
      asset: source.asset,
      sourceId: source.id,
      origin: "feed",
      items: feed.items,
      nowMs: fetchedMs,
    });
    // The validators are stored with the items they describe: if this rolls back, the next
    // poll fetches the whole feed again instead of being told "not modified".
    const written = await inTransaction(ctx.db, async (tx) => {
      const news = await writeNews(tx, drafts);
      await recordNewsFetchSuccess(tx, { ...answered, kind: feed.format, ...answer.validators });
      return news;
    });
    await publishNews(ctx, written);
    return outcome("fetched", written.added.length, null);
  } catch (error) {
    const failure = describeFailure(error, source);
    const failedMs = Date.now();
    await recordNewsFetchFailure(ctx.db, {
      id: source.id,
      fetchedAt: new Date(failedMs),
      nextDueAt: new Date(nextDueAfterFailure(failedMs, options.refreshMs, source.consecutiveFailures + 1)),
      ...failure,
    }).catch((recordError: unknown) =>
      logger.warn({ err: recordError, sourceId: String(source.id) }, "news source failure not recorded"),
    );
    return outcome("failed", 0, failure.errorCode);
  }
}

/** A feed's own fault is the admin's to read; anything else is ours, and goes to the log only. */
function describeFailure(error: unknown, source: NewsSourceRow): { errorCode: string; error: string } {
  if (isDomainError(error)) return { errorCode: error.code, error: error.message };
  logger.error({ err: error, sourceId: String(source.id) }, "news source poll failed unexpectedly");
  return { errorCode: "INTERNAL", error: "The poll failed on the server's side; its log says why." };
}

/** Runs `work` over `items` with at most `lanes` at once; each lane takes the next item when free. */
async function inLanes<T, R>(items: readonly T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  return results;
}
