import { DomainError } from "@/domain/errors";
import { MAX_NEWS_PAGE } from "@/domain/news/facts";
import type { NewsItemCursor } from "../../../db/queries/news-items";
import type { Page } from "../../accounts/account-data";

export const MAX_PAGE = MAX_NEWS_PAGE;

/** A page of `limit` from `limit + 1` rows: the extra row only says that another page exists. */
export function pageOf<T>(items: T[], limit: number, cursorOf: (last: T) => string): Page<T> {
  const last = items[limit - 1];
  return { items: items.slice(0, limit), nextCursor: items.length > limit && last ? cursorOf(last) : null };
}

export function parseIdCursor(cursor: string): bigint {
  if (!/^[1-9]\d{0,18}$/.test(cursor)) throw new DomainError("CURSOR_INVALID");
  return BigInt(cursor);
}

/** An item cursor is `<publishedAt ms>_<id>`: the keyset of news_items_asset_published_idx. */
export function itemCursorOf(item: { id: string; publishedAt: string }): string {
  return `${Date.parse(item.publishedAt)}_${item.id}`;
}

export function parseItemCursor(cursor: string): NewsItemCursor {
  const match = /^(\d{1,15})_([1-9]\d{0,18})$/.exec(cursor);
  if (!match?.[1] || !match[2]) throw new DomainError("CURSOR_INVALID");
  return { publishedAt: new Date(Number(match[1])), id: BigInt(match[2]) };
}
