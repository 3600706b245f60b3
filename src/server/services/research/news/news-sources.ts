import { getEnv } from "@/env";
import { DomainError } from "@/domain/errors";
import { ipLiteralHost, parseHttpUrl } from "@/domain/news/urls";
import {
  countNewsSources,
  deleteNewsSource,
  insertNewsSource,
  listNewsSources as listSourceRows,
} from "../../../db/queries/news-sources";
import { assetScale } from "../../accounts/funding";
import type { Page } from "../../accounts/account-data";
import type { ServiceContext } from "../../context";
import { parseIdCursor, MAX_PAGE, pageOf } from "./news-pages";
import { isPublicAddress } from "@/server/outbound/public-address";
import { newsSourceView, type NewsSourceView } from "./news-views";

/** Feeds one asset may have: each costs a request per refresh interval, forever. */
export const MAX_SOURCES_PER_ASSET = 20;

/** Admin: adds a feed to an asset; the poller fetches it on its next round. */
export async function registerNewsSource(
  ctx: ServiceContext,
  request: { asset: string; url: string; allowPrivateHosts?: boolean },
): Promise<NewsSourceView> {
  const url = parseHttpUrl(request.url);
  if (!url) throw new DomainError("NEWS_URL_INVALID");
  const literal = ipLiteralHost(url);
  // The poller checks every address it connects to; refusing an obvious one here is just kinder.
  const allowPrivateHosts = request.allowPrivateHosts ?? getEnv().NEWS_ALLOW_PRIVATE_HOSTS;
  if (literal !== null && !allowPrivateHosts && !isPublicAddress(literal)) throw new DomainError("NEWS_FEED_HOST_REFUSED");
  await assetScale(ctx.db, request.asset);
  if ((await countNewsSources(ctx.db, request.asset)) >= MAX_SOURCES_PER_ASSET) throw new DomainError("NEWS_SOURCE_LIMIT");
  const row = await insertNewsSource(ctx.db, { asset: request.asset, url: url.href });
  if (!row) throw new DomainError("NEWS_SOURCE_EXISTS");
  return newsSourceView(row);
}

/** Admin: sources by id, one asset's or all, with how their last fetches went. */
export async function listNewsSources(
  ctx: ServiceContext,
  request: { asset?: string; cursor?: string; limit: number },
): Promise<Page<NewsSourceView>> {
  const limit = Math.min(Math.max(request.limit, 1), MAX_PAGE);
  const afterId = request.cursor === undefined ? undefined : parseIdCursor(request.cursor);
  const rows = await listSourceRows(ctx.db, { asset: request.asset, afterId, limit: limit + 1 });
  return pageOf(rows.map(newsSourceView), limit, (last) => last.id);
}

/** Admin: stops polling a feed. Its items stay: backtests may already have used them. */
export async function removeNewsSource(ctx: ServiceContext, request: { id: string }): Promise<void> {
  let id: bigint;
  try {
    id = parseIdCursor(request.id);
  } catch {
    throw new DomainError("NEWS_SOURCE_NOT_FOUND");
  }
  if (!(await deleteNewsSource(ctx.db, id))) throw new DomainError("NEWS_SOURCE_NOT_FOUND");
}
