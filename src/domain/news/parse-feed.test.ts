import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_FEED_ITEMS } from "./facts";
import { parseFeedDocument } from "./parse-feed";

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../../../tests/fixtures/news", name), "utf8");

describe("[NEWS] feed documents", () => {
  it("reads RSS 2.0: GUIDs, links resolved against the feed's address, dates, HTML summaries", () => {
    const feed = parseFeedDocument(fixture("rss.xml"), { baseUrl: "https://news.example/feed.xml" });
    expect(feed.format).toBe("rss");
    expect(feed.items).toHaveLength(4);
    expect(feed.items[0]).toMatchObject({
      guid: "acme-2026-001",
      url: "https://news.example/acme/beats#top",
      title: "Acme beats estimates as cloud revenue surges",
      publishedAt: "Tue, 03 Nov 2026 14:30:00 GMT",
    });
    expect(feed.items[0]?.summary).toContain("<b>24%</b>");
    expect(feed.items[1]).toMatchObject({
      guid: null,
      url: "https://news.example/acme/joint-venture",
      title: "Acme & Globex announce joint venture",
    });
    // A permalink GUID is the item's link when it has no <link>.
    expect(feed.items[2]?.url).toBe("https://news.example/acme/recall");
  });

  it("reads Atom: the alternate link, HTML titles, published before updated, content when no summary", () => {
    const feed = parseFeedDocument(fixture("atom.xml"));
    expect(feed.format).toBe("atom");
    expect(feed.items[0]).toMatchObject({
      guid: "urn:uuid:4c1c7a2e-0000-4000-8000-000000000002",
      url: "https://crypto.example/btc-rallies",
      title: "Bitcoin <em>rallies</em> on strong inflows",
      publishedAt: "2026-11-05T10:00:00Z",
    });
    expect(feed.items[1]).toMatchObject({
      publishedAt: "2026-11-05T11:30:00Z",
      summary: "<p>Funds were stolen from a hot wallet.</p>",
    });
  });

  it("reads JSON Feed 1.1", () => {
    const feed = parseFeedDocument(fixture("feed.json"));
    expect(feed.format).toBe("json");
    expect(feed.items.map((i) => i.guid)).toEqual(["brief-1", "brief-2"]);
    expect(feed.items[1]?.summary).toContain("<i>Treasury</i>");
  });

  it("refuses what is not a feed, or is cut off, with one error code", () => {
    for (const text of [fixture("malformed.xml"), "<html><body>Not found</body></html>", "", '{"items": [', '{"a": 1}']) {
      expect(() => parseFeedDocument(text), text.slice(0, 20)).toThrow(expect.objectContaining({ code: "NEWS_FEED_MALFORMED" }));
    }
  });

  it("does not expand XML entities (no billion laughs)", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <rss version="2.0"><channel><title>t</title><item><title>&b;</title><guid>g</guid></item></channel></rss>`;
    expect(parseFeedDocument(lol).items[0]?.title).toBe("&b;");
  });

  it(`reads at most ${MAX_FEED_ITEMS} items`, () => {
    const items = Array.from({ length: MAX_FEED_ITEMS + 50 }, (_, i) => `<item><title>t${i}</title><guid>g${i}</guid></item>`);
    const text = `<rss version="2.0"><channel><title>t</title>${items.join("")}</channel></rss>`;
    expect(parseFeedDocument(text).items).toHaveLength(MAX_FEED_ITEMS);
  });
});
