import { describe, expect, it } from "vitest";
import { MAX_SUMMARY_CHARS, MAX_TITLE_CHARS } from "./facts";
import { normaliseNewsItem, type NewsItem, uniqueByIdentity } from "./news-item";

const NOW = Date.parse("2026-11-10T12:00:00Z");

function normalised(raw: Parameters<typeof normaliseNewsItem>[0]): NewsItem {
  const result = normaliseNewsItem(raw, NOW);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.item;
}

describe("[NEWS] item normalisation", () => {
  it("identifies an item by its GUID when it has one, else by its canonical URL", () => {
    expect(normalised({ guid: " id-1 ", url: "https://a.example/x", title: "T" }).identity).toBe("guid:id-1");
    expect(normalised({ url: "https://A.example/x#frag", title: "T" })).toMatchObject({
      identity: "url:https://a.example/x",
      url: "https://a.example/x",
      guid: null,
    });
  });

  it("refuses an item without a title or without any identity", () => {
    expect(normaliseNewsItem({ guid: "g", title: "  <b></b> " }, NOW)).toEqual({ ok: false, reason: "NO_TITLE" });
    expect(normaliseNewsItem({ title: "T", url: "javascript:alert(1)" }, NOW)).toEqual({ ok: false, reason: "NO_IDENTITY" });
    expect(normaliseNewsItem({ title: "T", guid: "x".repeat(600) }, NOW)).toEqual({ ok: false, reason: "NO_IDENTITY" });
  });

  it("keeps a GUID item whose link is not a valid URL, without the link", () => {
    expect(normalised({ guid: "g", title: "T", url: "ftp://a.example/" }).url).toBeNull();
  });

  it("strips HTML from title and summary and caps both", () => {
    const item = normalised({
      guid: "g",
      title: `<em>Big</em> ${"news ".repeat(200)}`,
      summary: `<p>${"word ".repeat(1_000)}</p>`,
    });
    expect(item.title.startsWith("Big news")).toBe(true);
    expect(Array.from(item.title).length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(Array.from(item.summary).length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(item.summary).not.toContain("<");
  });

  it("dates an item by its feed date, never later than its fetch, and by the fetch when undated", () => {
    expect(normalised({ guid: "g", title: "T", publishedAt: "Tue, 03 Nov 2026 14:30:00 GMT" }).publishedAtMs).toBe(
      Date.parse("2026-11-03T14:30:00Z"),
    );
    expect(normalised({ guid: "g", title: "T", publishedAt: "2026-11-05T10:00:00+01:00" }).publishedAtMs).toBe(
      Date.parse("2026-11-05T09:00:00Z"),
    );
    expect(normalised({ guid: "g", title: "T", publishedAt: "2099-01-01T00:00:00Z" }).publishedAtMs).toBe(NOW);
    expect(normalised({ guid: "g", title: "T", publishedAt: "soon" }).publishedAtMs).toBe(NOW);
    expect(normalised({ guid: "g", title: "T" }).publishedAtMs).toBe(NOW);
  });

  it("keeps the first of several items with one identity", () => {
    const items = [
      { identity: "a", n: 1 },
      { identity: "b", n: 2 },
      { identity: "a", n: 3 },
    ];
    expect(uniqueByIdentity(items).map((i) => i.n)).toEqual([1, 2]);
  });
});
