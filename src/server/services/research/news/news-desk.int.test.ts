import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decayedSentimentSeries, HOUR_MS } from "@/domain/news/sentiment-series";
import { createTestServices, uniqueSuffix } from "../../../../../tests/fixtures";
import { createTestDatabase, type TestDatabase } from "../../../../../tests/test-db";
import { readTopicEvents } from "../../../db/queries/event-log";
import { assets, newsItems } from "../../../db/schema";
import type { ServiceContext } from "../../context";
import { addNewsItem, importNewsFile, listNewsItems } from "./news-items";
import { listNewsSources, MAX_SOURCES_PER_ASSET, registerNewsSource, removeNewsSource } from "./news-sources";
import { newsTopic } from "./news-views";
import { newsSentimentSeries } from "./sentiment-series";

let database: TestDatabase;
let services: ServiceContext;

const fixture = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, "../../../../../tests/fixtures/news", name), "utf8");
const NOW_MS = Date.parse("2026-11-10T12:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
});
afterAll(async () => {
  await database?.close();
});

async function newAsset(): Promise<string> {
  const symbol = `N${uniqueSuffix()}`;
  await services.db.insert(assets).values({ symbol, name: `News ${symbol}`, scale: 2 });
  return symbol;
}

describe("[NEWS] sources", () => {
  it("registers a feed per asset once, within the limit, and refuses bad addresses and unknown assets", async () => {
    const asset = await newAsset();
    const source = await registerNewsSource(services, { asset, url: "https://feeds.example/acme.xml#latest" });
    expect(source).toMatchObject({ asset, url: "https://feeds.example/acme.xml", kind: null, consecutiveFailures: 0 });
    await expect(registerNewsSource(services, { asset, url: "https://FEEDS.example/acme.xml" })).rejects.toMatchObject({
      code: "NEWS_SOURCE_EXISTS",
    });
    for (const url of ["ftp://feeds.example/x", "https://user:pw@feeds.example/x", "not a url"]) {
      await expect(registerNewsSource(services, { asset, url }), url).rejects.toMatchObject({ code: "NEWS_URL_INVALID" });
    }
    for (const url of ["http://169.254.169.254/latest/meta-data", "http://[::1]/feed", "http://10.0.0.8/feed"]) {
      await expect(registerNewsSource(services, { asset, url, allowPrivateHosts: false }), url).rejects.toMatchObject({
        code: "NEWS_FEED_HOST_REFUSED",
      });
    }
    await expect(registerNewsSource(services, { asset: "NOPE", url: "https://feeds.example/x" })).rejects.toMatchObject({
      code: "ASSET_NOT_FOUND",
    });

    for (let i = 1; i < MAX_SOURCES_PER_ASSET; i++)
      await registerNewsSource(services, { asset, url: `https://feeds.example/${i}` });
    await expect(registerNewsSource(services, { asset, url: "https://feeds.example/one-too-many" })).rejects.toMatchObject({
      code: "NEWS_SOURCE_LIMIT",
    });
  });

  it("lists sources in pages and removes one, keeping the items it brought", async () => {
    const asset = await newAsset();
    const sources = [];
    for (const name of ["a", "b", "c"])
      sources.push(await registerNewsSource(services, { asset, url: `https://feeds.example/${name}` }));
    const first = await listNewsSources(services, { asset, limit: 2 });
    expect(first.items.map((s) => s.url)).toEqual(["https://feeds.example/a", "https://feeds.example/b"]);
    const second = await listNewsSources(services, { asset, limit: 2, cursor: first.nextCursor ?? "" });
    expect(second).toMatchObject({ items: [{ url: "https://feeds.example/c" }], nextCursor: null });
    await expect(listNewsSources(services, { asset, limit: 2, cursor: "x" })).rejects.toMatchObject({ code: "CURSOR_INVALID" });

    const removed = sources[0];
    if (!removed) throw new Error("no source");
    const [item] = await services.db
      .insert(newsItems)
      .values({
        asset,
        sourceId: BigInt(removed.id),
        origin: "feed",
        identity: "guid:kept",
        title: "Kept after its source goes",
        publishedAt: new Date(NOW_MS),
        scoreBps: 0,
      })
      .returning();
    await removeNewsSource(services, { id: removed.id });
    await expect(removeNewsSource(services, { id: removed.id })).rejects.toMatchObject({ code: "NEWS_SOURCE_NOT_FOUND" });
    await expect(removeNewsSource(services, { id: "nope" })).rejects.toMatchObject({ code: "NEWS_SOURCE_NOT_FOUND" });
    expect((await listNewsSources(services, { asset, limit: 10 })).items).toHaveLength(2);
    const [kept] = await services.db
      .select()
      .from(newsItems)
      .where(eq(newsItems.id, item?.id ?? 0n));
    expect(kept).toMatchObject({ title: "Kept after its source goes", sourceId: null });
  });
});

describe("[NEWS] manual entry and file import", () => {
  it("stores a typed-in item, scored, with a news event; its URL makes it a duplicate the second time", async () => {
    const asset = await newAsset();
    const item = await addNewsItem(
      services,
      {
        asset,
        title: "  Acme <b>beats</b> estimates and raises its dividend ",
        summary: "<p>Profit rose.</p>",
        url: "https://news.example/acme-dividend",
        publishedAt: "2026-11-09T08:00:00Z",
      },
      NOW_MS,
    );
    expect(item).toMatchObject({
      asset,
      origin: "manual",
      sourceId: null,
      title: "Acme beats estimates and raises its dividend",
      summary: "Profit rose.",
      publishedAt: "2026-11-09T08:00:00.000Z",
    });
    expect(item.score).toBeGreaterThan(0);
    const events = await readTopicEvents(services.db, { topic: newsTopic(asset), afterSeq: 0n, limit: 10 });
    expect(events).toMatchObject([{ type: "news", payload: item }]);

    await expect(
      addNewsItem(services, { asset, title: "Same story again", url: "https://news.example/acme-dividend#again" }),
    ).rejects.toMatchObject({ code: "NEWS_ITEM_EXISTS" });
    // Without a URL an item has an id of its own: the same words twice are two items.
    await addNewsItem(services, { asset, title: "Markets close mixed" });
    await addNewsItem(services, { asset, title: "Markets close mixed" });
    expect((await listNewsItems(services, { asset, limit: 10 })).items).toHaveLength(3);
  });

  it("refuses an item without a title, with a bad URL or date, or for an unknown asset", async () => {
    const asset = await newAsset();
    await expect(addNewsItem(services, { asset, title: " <br> " })).rejects.toMatchObject({ code: "NEWS_ITEM_INVALID" });
    await expect(addNewsItem(services, { asset, title: "T", url: "javascript:alert(1)" })).rejects.toMatchObject({
      code: "NEWS_URL_INVALID",
    });
    await expect(addNewsItem(services, { asset, title: "T", publishedAt: "yesterday" })).rejects.toMatchObject({
      code: "NEWS_ITEM_INVALID",
    });
    await expect(addNewsItem(services, { asset: "NOPE", title: "T" })).rejects.toMatchObject({ code: "ASSET_NOT_FOUND" });
  });

  it("imports RSS, Atom and JSON Feed files once; a second import stores nothing new", async () => {
    const asset = await newAsset();
    // Without the feed's address, the item whose only identity is a relative link cannot be told apart.
    expect(await importNewsFile(services, { asset, contents: fixture("rss.xml") }, NOW_MS)).toEqual({
      format: "rss",
      added: 2,
      duplicates: 0,
      skipped: 2,
    });
    const withBase = { asset, contents: fixture("rss.xml"), baseUrl: "https://news.example/feed.xml" };
    expect(await importNewsFile(services, withBase, NOW_MS)).toEqual({ format: "rss", added: 1, duplicates: 2, skipped: 1 });
    expect(await importNewsFile(services, withBase, NOW_MS)).toMatchObject({ added: 0, duplicates: 3 });
    expect(await importNewsFile(services, { asset, contents: fixture("atom.xml") }, NOW_MS)).toMatchObject({
      format: "atom",
      added: 2,
    });
    expect(await importNewsFile(services, { asset, contents: fixture("feed.json") }, NOW_MS)).toMatchObject({
      format: "json",
      added: 2,
    });
    const items = (await listNewsItems(services, { asset, limit: 100 })).items;
    expect(items).toHaveLength(7);
    expect(items.every((i) => i.origin === "import")).toBe(true);
    expect(items.find((i) => i.title === "Acme & Globex announce joint venture")?.url).toBe(
      "https://news.example/acme/joint-venture",
    );
  });

  it("refuses a file past the byte cap and one that is not a feed", async () => {
    const asset = await newAsset();
    await expect(importNewsFile(services, { asset, contents: fixture("rss.xml"), maxBytes: 100 })).rejects.toMatchObject({
      code: "NEWS_FEED_TOO_LARGE",
    });
    await expect(importNewsFile(services, { asset, contents: fixture("malformed.xml") })).rejects.toMatchObject({
      code: "NEWS_FEED_MALFORMED",
    });
    await expect(importNewsFile(services, { asset, contents: fixture("rss.xml"), baseUrl: "file:///x" })).rejects.toMatchObject({
      code: "NEWS_URL_INVALID",
    });
  });
});

describe("[NEWS] reading an asset's news", () => {
  it("lists newest first in bounded pages with a cursor", async () => {
    const asset = await newAsset();
    for (let hour = 0; hour < 5; hour++) {
      const publishedAt = new Date(NOW_MS - (5 - hour) * HOUR_MS).toISOString();
      await addNewsItem(services, { asset, title: `Update ${hour}`, publishedAt }, NOW_MS);
    }
    const first = await listNewsItems(services, { asset, limit: 2 });
    expect(first.items.map((i) => i.title)).toEqual(["Update 4", "Update 3"]);
    const second = await listNewsItems(services, { asset, limit: 2, cursor: first.nextCursor ?? "" });
    expect(second.items.map((i) => i.title)).toEqual(["Update 2", "Update 1"]);
    const last = await listNewsItems(services, { asset, limit: 2, cursor: second.nextCursor ?? "" });
    expect(last).toMatchObject({ items: [{ title: "Update 0" }], nextCursor: null });
    expect((await listNewsItems(services, { asset, limit: 10_000 })).items).toHaveLength(5);
    await expect(listNewsItems(services, { asset, limit: 2, cursor: "1_x" })).rejects.toMatchObject({ code: "CURSOR_INVALID" });
  });

  it("gives the time-decayed sentiment series of a range, warmed up by the news just before it", async () => {
    const asset = await newAsset();
    const titles = [
      "Acme beats estimates and raises its dividend",
      "Acme posts record profit",
      "Acme shares plunge after fraud probe",
      "Acme to hold investor day",
      "Acme wins major contract",
    ];
    for (const [i, title] of titles.entries()) {
      await addNewsItem(services, { asset, title, publishedAt: new Date(NOW_MS - (10 - 2 * i) * HOUR_MS).toISOString() }, NOW_MS);
    }
    const fromMs = NOW_MS - 6 * HOUR_MS;
    const series = await newsSentimentSeries(services, { asset, fromMs, toMs: NOW_MS, halfLifeMs: 3 * HOUR_MS });
    expect(series.isTruncated).toBe(false);
    expect(series.points.map((p) => p.timeMs)).toEqual([6, 4, 2].map((h) => NOW_MS - h * HOUR_MS));

    const stored = (await listNewsItems(services, { asset, limit: 10 })).items
      .map((i) => ({ timeMs: Date.parse(i.publishedAt), score: i.score }))
      .reverse();
    const expected = decayedSentimentSeries(stored, { halfLifeMs: 3 * HOUR_MS }).filter((p) => p.timeMs >= fromMs);
    expect(series.points).toEqual(expected);
    // The first point in range carries the two items before it, not just its own score.
    expect(series.points[0]?.score).not.toBeCloseTo(stored[2]?.score ?? 0, 6);

    for (const range of [
      { fromMs: NOW_MS, toMs: NOW_MS },
      { fromMs: NOW_MS, toMs: NOW_MS - 1 },
      { fromMs: 0, toMs: NOW_MS },
    ]) {
      await expect(newsSentimentSeries(services, { asset, ...range })).rejects.toMatchObject({ code: "NEWS_RANGE_INVALID" });
    }
    await expect(newsSentimentSeries(services, { asset, fromMs, toMs: NOW_MS, halfLifeMs: 1 })).rejects.toMatchObject({
      code: "NEWS_RANGE_INVALID",
    });
  });
});
