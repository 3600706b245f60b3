import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/env";
import { servicesForThisFile } from "../../../../tests/file-services";
import { callerFor, createTestMarket, createTestUser, sessionUser, uniqueSuffix } from "../../../../tests/fixtures";
import { type Received, readItems, readUntil, streamingCaller } from "../../../../tests/live-helpers";
import { type NewsFeedServer, startNewsFeedServer } from "../../../../tests/news-feed-server";
import { hasRealPostgres } from "../../../../tests/test-db";
import { createRestHandler } from "../../http/rest-handler";
import type { NewsStreamItem } from "../../services/research/news/news-stream";
import { newsPollOptions, pollDueSources } from "../../services/research/news/poll-sources";
import { MAX_IMPORT_CHARS } from "../news-schemas";

const { services } = servicesForThisFile();
let feeds: NewsFeedServer;

beforeAll(async () => {
  // The test feeds live on 127.0.0.1, which a deployment refuses by default.
  process.env.NEWS_ALLOW_PRIVATE_HOSTS = "true";
  resetEnvForTests();
  feeds = await startNewsFeedServer();
});
afterAll(async () => {
  delete process.env.NEWS_ALLOW_PRIVATE_HOSTS;
  resetEnvForTests();
  await feeds?.close();
});

/** A fresh asset (the base of a fresh market), an admin and an anonymous reader. */
async function setup() {
  const market = await createTestMarket(services);
  const adminId = await createTestUser(services, {}, "admin");
  return { asset: market.base, admin: callerFor(services, sessionUser(adminId, "admin")), reader: callerFor(services, null) };
}

const HOUR_MS = 3_600_000;
const isoHoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR_MS).toISOString();

describe(`[NEWS] news procedures (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("an admin's manual item is scored and listed, newest first, in bounded pages with a cursor", async () => {
    const { asset, admin, reader } = await setup();
    const good = await admin.news.add({ asset, title: "Acme raises full-year guidance after record quarter" });
    expect(good).toMatchObject({ asset, origin: "manual", url: null, label: "positive" });
    expect(good.score).toBeGreaterThan(0.05);
    const bad = await admin.news.add({
      asset,
      title: "Acme plunges as regulator sues over accounting fraud",
      url: "https://news.example/acme-fraud#top",
      publishedAt: isoHoursAgo(1),
    });
    expect(bad).toMatchObject({ label: "negative", url: "https://news.example/acme-fraud" });
    await admin.news.add({ asset, title: "Acme schedules its annual meeting", publishedAt: isoHoursAgo(2) });

    const first = await reader.news.list({ asset, limit: 2 });
    expect(first.items.map((i) => i.title)).toEqual([good.title, bad.title]);
    expect(first.nextCursor).not.toBeNull();
    const second = await reader.news.list({ asset, limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second).toMatchObject({ items: [{ title: "Acme schedules its annual meeting", label: "neutral" }], nextCursor: null });

    await expect(admin.news.add({ asset, title: "again", url: "https://news.example/acme-fraud" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(reader.news.list({ asset, limit: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(reader.news.list({ asset, cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(reader.news.list({ asset: "NOPE9" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.news.add({ asset, title: "x", url: "javascript:alert(1)" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("sentiment: the rolling series over a range, thinned to maxPoints, and refused past its bounds", async () => {
    const { asset, admin, reader } = await setup();
    for (let hour = 30; hour >= 1; hour--) {
      const title = hour % 2 ? `Acme shares surge on strong demand ${hour}` : `Acme shares plunge on weak demand ${hour}`;
      await admin.news.add({ asset, title, publishedAt: isoHoursAgo(hour) });
    }
    const toMs = Date.now();
    const full = await reader.news.sentiment({ asset, fromMs: toMs - 48 * HOUR_MS, toMs, maxPoints: 2_000 });
    expect(full.points).toHaveLength(30);
    expect(full.isTruncated).toBe(false);
    const times = full.points.map((p) => p.timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const { score } of full.points) expect(Math.abs(score)).toBeLessThanOrEqual(1);

    const thin = await reader.news.sentiment({ asset, fromMs: toMs - 48 * HOUR_MS, toMs, maxPoints: 4 });
    expect(thin.points.length).toBeLessThanOrEqual(4);
    expect(thin.points.at(-1)).toEqual(full.points.at(-1));
    // Without a range: the last 30 days up to now.
    expect((await reader.news.sentiment({ asset })).points).toHaveLength(30);

    await expect(reader.news.sentiment({ asset, fromMs: toMs, toMs: toMs - 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(reader.news.sentiment({ asset, fromMs: toMs - 401 * 24 * HOUR_MS, toMs })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(reader.news.sentiment({ asset, maxPoints: 2_001 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("onItems: a snapshot, then an item stored after the stream started; resumed by lastEventId, exactly what was missed", async () => {
    const { asset, admin } = await setup();
    await admin.news.add({ asset, title: "Acme opens a new plant", publishedAt: isoHoursAgo(3) });

    const controller = new AbortController();
    const stream = await streamingCaller(services, null, controller.signal).news.onItems({ asset });
    const iterator = stream[Symbol.asyncIterator]();
    const [snapshot] = await readItems<NewsStreamItem>(iterator, 1);
    expect(snapshot?.data).toMatchObject({
      kind: "snapshot",
      reason: "start",
      asset,
      items: [{ title: "Acme opens a new plant" }],
    });

    const added = await admin.news.add({ asset, title: "Acme beats estimates and raises its dividend" });
    const live = await readUntil<NewsStreamItem>(iterator, (item) => item.data.kind === "item");
    const arrived = live.at(-1);
    expect(arrived?.data).toMatchObject({ kind: "item", item: { id: added.id, label: "positive", score: added.score } });
    controller.abort();
    await iterator.return?.();

    // Away: two more stories, one from a feed file. The resumed stream sends those two, no snapshot.
    const missed = [await admin.news.add({ asset, title: "Acme names a new chief executive" })];
    const imported = await admin.news.import({
      asset,
      contents: JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "Acme wire",
        items: [{ id: "wire-1", url: "https://wire.example/acme/1", title: "Acme wins a record order" }],
      }),
    });
    expect(imported).toEqual({ format: "json", added: 1, duplicates: 0, skipped: 0 });

    const resumedController = new AbortController();
    const resumed = await streamingCaller(services, null, resumedController.signal).news.onItems({
      asset,
      lastEventId: arrived?.id,
    });
    const resumedIterator = resumed[Symbol.asyncIterator]();
    const replayed: Received<NewsStreamItem>[] = await readItems<NewsStreamItem>(resumedIterator, 2);
    resumedController.abort();
    await resumedIterator.return?.();
    expect(replayed.map((r) => r.data.kind)).toEqual(["item", "item"]);
    const titles = replayed.map((r) => (r.data.kind === "item" ? r.data.item.title : ""));
    expect(titles).toEqual([missed[0]?.title, "Acme wins a record order"]);
    expect(BigInt(replayed[0]?.id ?? "0")).toBeGreaterThan(BigInt(arrived?.id ?? "0"));

    await expect(streamingCaller(services, null).news.onItems({ asset: "NOPE9" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("sources: an admin adds, lists and removes feeds; each shows its last fetch, and a broken feed says why", async () => {
    const { asset, admin } = await setup();
    const good = await admin.news.sources.add({ asset, url: `${feeds.url}/rss.xml` });
    const malformed = await admin.news.sources.add({ asset, url: `${feeds.url}/malformed.xml` });
    const gone = await admin.news.sources.add({ asset, url: `${feeds.url}/gone.xml` });
    expect(good).toMatchObject({ asset, status: "pending", lastFetchedAt: null, lastError: null });
    await expect(admin.news.sources.add({ asset, url: `${feeds.url}/rss.xml` })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(admin.news.sources.add({ asset, url: "ftp://feeds.example/x" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    await pollDueSources(services, { ...newsPollOptions(), timeoutMs: 2_000 });
    const { items, nextCursor } = await admin.news.sources.list({ asset });
    expect(nextCursor).toBeNull();
    const byId = new Map(items.map((s) => [s.id, s]));
    expect(byId.get(good.id)).toMatchObject({
      status: "ok",
      kind: "rss",
      lastErrorCode: null,
      lastFetchedAt: expect.any(String),
    });
    expect(byId.get(malformed.id)).toMatchObject({
      status: "failing",
      lastErrorCode: "NEWS_FEED_MALFORMED",
      lastError: expect.any(String),
      consecutiveFailures: 1,
    });
    expect(byId.get(gone.id)).toMatchObject({ status: "failing", lastErrorCode: "NEWS_FEED_HTTP_ERROR" });
    expect(byId.get(gone.id)?.lastError).toContain("410");
    expect((await admin.news.list({ asset })).items.every((i) => i.origin === "feed")).toBe(true);

    expect(await admin.news.sources.remove({ id: malformed.id })).toEqual({ id: malformed.id });
    await expect(admin.news.sources.remove({ id: malformed.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await admin.news.sources.list({ asset })).items.map((s) => s.id)).toEqual([good.id, gone.id]);
  });

  it("import: a file within the body limit is stored once; a bigger or unreadable one is refused", async () => {
    const { asset, admin } = await setup();
    const contents = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Acme",
      items: [
        { id: "a", title: "Acme profit jumps", date_published: isoHoursAgo(5) },
        { id: "b", title: "Acme recalls faulty batteries", date_published: isoHoursAgo(4) },
        { title: "no identity at all" },
      ],
    });
    expect(await admin.news.import({ asset, contents })).toEqual({ format: "json", added: 2, duplicates: 0, skipped: 1 });
    expect(await admin.news.import({ asset, contents })).toEqual({ format: "json", added: 0, duplicates: 2, skipped: 1 });
    await expect(admin.news.import({ asset, contents: "x".repeat(MAX_IMPORT_CHARS + 1) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(admin.news.import({ asset, contents: "<html>not a feed</html>" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("REST: GET /assets/{asset}/news and /sentiment, public, in the OpenAPI shapes", async () => {
    const { asset, admin } = await setup();
    const item = await admin.news.add({ asset, title: `Acme record sales ${uniqueSuffix()}`, publishedAt: isoHoursAgo(1) });
    const handle = createRestHandler({ getServices: async () => services, resolveUser: async () => null, limits: () => null });
    const get = async (path: string) => {
      const response = await handle(new Request(`http://bourse.test/api/v1${path}`));
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const news = await get(`/assets/${asset}/news?limit=5`);
    expect(news).toMatchObject({ status: 200, body: { items: [{ id: item.id, label: item.label }], nextCursor: null } });
    const now = Date.now();
    const sentiment = await get(`/assets/${asset}/sentiment?startTime=${now - 2 * HOUR_MS}&endTime=${now}&maxPoints=10`);
    expect(sentiment).toMatchObject({ status: 200, body: { points: [{ score: item.score }], isTruncated: false } });
    expect((await get(`/assets/${asset}/news?limit=1000`)).status).toBe(400);
    expect((await get("/assets/NOPE9/news")).status).toBe(404);
  });
});
