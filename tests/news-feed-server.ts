import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type FetchServer, serveFetch } from "./fetch-server";

/**
 * A feed host on 127.0.0.1 for the news poller's tests: the fixtures of tests/fixtures/news, with
 * ETag / Last-Modified validation, and the feeds a poller must survive (huge, compressed bomb,
 * slow, redirect chains and loops). It counts requests per path and keeps their headers.
 */
export interface NewsFeedServer {
  readonly url: string;
  /** Requests seen per path, and the headers of the last one. */
  hits(pathname: string): number;
  lastHeaders(pathname: string): Headers | undefined;
  /** Chunks the huge feed produced before the client stopped reading. */
  hugeChunksSent(): number;
  /** Changes the RSS feed: a new ETag and one more item. */
  publishRssUpdate(): void;
  close(): Promise<void>;
}

const FIXTURES = path.resolve(import.meta.dirname, "fixtures/news");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const HUGE_CHUNK = `<item><title>${"x".repeat(1_000)}</title></item>`;
export const HUGE_CHUNKS = 5_000;
export const SLOW_DELAY_MS = 4_000;
const LAST_MODIFIED = "Thu, 05 Nov 2026 12:00:00 GMT";

const xml = { "content-type": "application/rss+xml; charset=utf-8" };

export async function startNewsFeedServer(): Promise<NewsFeedServer> {
  const hits = new Map<string, number>();
  const headers = new Map<string, Headers>();
  let hugeChunks = 0;
  let rss = { etag: '"v1"', body: fixture("rss.xml") };

  const routes: Record<string, (request: Request) => Response | Promise<Response>> = {
    "/rss.xml": (request) =>
      request.headers.get("if-none-match") === rss.etag
        ? new Response(null, { status: 304 })
        : new Response(rss.body, { headers: { ...xml, etag: rss.etag } }),
    "/atom.xml": (request) =>
      request.headers.get("if-modified-since") === LAST_MODIFIED
        ? new Response(null, { status: 304 })
        : new Response(fixture("atom.xml"), {
            headers: { "content-type": "application/atom+xml", "last-modified": LAST_MODIFIED },
          }),
    "/feed.json": () => new Response(fixture("feed.json"), { headers: { "content-type": "application/feed+json" } }),
    "/malformed.xml": () => new Response(fixture("malformed.xml"), { headers: xml }),
    "/gone.xml": () => new Response("gone", { status: 410 }),
    "/gzip.xml": () => new Response(gzipSync(fixture("rss.xml")), { headers: { ...xml, "content-encoding": "gzip" } }),
    // 20 MB of zeros, a few kilobytes on the wire.
    "/bomb.xml": () => new Response(gzipSync(Buffer.alloc(20_000_000)), { headers: { ...xml, "content-encoding": "gzip" } }),
    "/huge.xml": () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('<rss version="2.0"><channel><title>huge</title>'));
          },
          async pull(controller) {
            // Yields to I/O between chunks, as a real network would, so a client that hangs up is noticed.
            await new Promise((resolve) => setImmediate(resolve));
            if (hugeChunks >= HUGE_CHUNKS) return controller.close();
            hugeChunks++;
            controller.enqueue(new TextEncoder().encode(HUGE_CHUNK));
          },
        }),
        { headers: xml },
      ),
    "/slow.xml": async () => {
      await new Promise((resolve) => setTimeout(resolve, SLOW_DELAY_MS));
      return new Response(fixture("rss.xml"), { headers: xml });
    },
    "/loop": () => redirect("/loop"),
    "/hop/3": () => redirect("/hop/2"),
    "/hop/2": () => redirect("/hop/1"),
    "/hop/1": () => redirect("/feed.json"),
  };

  const server: FetchServer = await serveFetch(async (request) => {
    const { pathname } = new URL(request.url);
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    headers.set(pathname, request.headers);
    const route = routes[pathname];
    return route ? route(request) : new Response("not found", { status: 404 });
  });

  return {
    url: server.url,
    hits: (pathname) => hits.get(pathname) ?? 0,
    lastHeaders: (pathname) => headers.get(pathname),
    hugeChunksSent: () => hugeChunks,
    publishRssUpdate() {
      const item = `<item><title>Acme raises its dividend</title><guid>acme-2026-002</guid><pubDate>Thu, 05 Nov 2026 08:00:00 GMT</pubDate></item>`;
      rss = { etag: '"v2"', body: rss.body.replace("<item>", `${item}<item>`) };
    },
    close: () => server.close(),
  };
}

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location } });
}
