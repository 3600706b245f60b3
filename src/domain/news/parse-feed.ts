import { type AnyFeed, type AtomFeed, type JsonFeed, parseFeed, type RdfFeed, type RssFeed } from "feedsmith";
import { DomainError } from "../errors";
import { type FeedFormat, MAX_FEED_ITEMS } from "./facts";
import type { RawNewsItem } from "./news-item";

export interface ParsedFeed {
  format: FeedFormat;
  items: RawNewsItem[];
}

/**
 * Reads an RSS 2.0 / RSS 1.0 (RDF) / Atom / JSON Feed document into raw items. feedsmith leaves
 * XML entities unexpanded, so a document cannot grow itself in memory ("billion laughs"). Links
 * are resolved against `baseUrl` (where the document was fetched) when they are relative; at
 * most `maxItems` are read.
 */
export function parseFeedDocument(
  text: string,
  { baseUrl, maxItems = MAX_FEED_ITEMS }: { baseUrl?: string; maxItems?: number } = {},
): ParsedFeed {
  let parsed: AnyFeed<string>;
  try {
    parsed = parseFeed<string>(text, { maxItems });
  } catch {
    throw new DomainError("NEWS_FEED_MALFORMED");
  }
  const resolve = (href: string | undefined) => resolveLink(href, baseUrl);
  switch (parsed.format) {
    case "rss":
      return { format: "rss", items: (parsed.feed.items ?? []).map((item) => rssItem(item, resolve)) };
    case "rdf":
      return { format: "rdf", items: (parsed.feed.items ?? []).map((item) => rdfItem(item, resolve)) };
    case "atom":
      return { format: "atom", items: (parsed.feed.entries ?? []).map((entry) => atomEntry(entry, resolve)) };
    case "json":
      return { format: "json", items: (parsed.feed.items ?? []).map((item) => jsonItem(item, resolve)) };
  }
}

type Resolve = (href: string | undefined) => string | null;

function rssItem(item: RssFeed.Item<string>, resolve: Resolve): RawNewsItem {
  return {
    guid: item.guid?.value ?? null,
    url: resolve(item.link ?? (item.guid?.isPermaLink ? item.guid.value : undefined)),
    title: item.title ?? null,
    summary: item.description ?? item.content?.encoded ?? null,
    publishedAt: item.pubDate ?? item.dc?.dates?.[0] ?? null,
  };
}

function rdfItem(item: RdfFeed.Item<string>, resolve: Resolve): RawNewsItem {
  return {
    guid: item.rdf?.about ?? null,
    url: resolve(item.link),
    title: item.title ?? null,
    summary: item.description ?? null,
    publishedAt: item.dc?.dates?.[0] ?? null,
  };
}

function atomEntry(entry: AtomFeed.Entry<string>, resolve: Resolve): RawNewsItem {
  const links = entry.links ?? [];
  const page = links.find((link) => link.rel === undefined || link.rel === "alternate") ?? links[0];
  return {
    guid: entry.id ?? null,
    url: resolve(page?.href),
    title: entry.title?.value ?? null,
    summary: entry.summary?.value ?? entry.content?.value ?? null,
    publishedAt: entry.published ?? entry.updated ?? null,
  };
}

function jsonItem(item: JsonFeed.Item<string>, resolve: Resolve): RawNewsItem {
  return {
    guid: item.id ?? null,
    url: resolve(item.url ?? item.external_url),
    title: item.title ?? null,
    summary: item.summary ?? item.content_text ?? item.content_html ?? null,
    publishedAt: item.date_published ?? item.date_modified ?? null,
  };
}

function resolveLink(href: string | undefined, baseUrl: string | undefined): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), baseUrl).href;
  } catch {
    return null;
  }
}
