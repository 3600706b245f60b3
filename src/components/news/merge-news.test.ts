import { describe, expect, it } from "vitest";
import { mergeNewsItems } from "./merge-news";

const item = (id: string, publishedAt: string) => ({ id, publishedAt });

describe("[NEWS] the asset page's feed order", () => {
  it("keeps each item once, newest first, ties broken by the greater id", () => {
    const live = [item("12", "2026-11-10T12:00:00.000Z"), item("9", "2026-11-10T10:00:00.000Z")];
    const pages = [
      item("9", "2026-11-10T10:00:00.000Z"),
      item("10", "2026-11-10T10:00:00.000Z"),
      item("3", "2026-11-01T00:00:00.000Z"),
    ];
    expect(mergeNewsItems(live, pages).map((i) => i.id)).toEqual(["12", "10", "9", "3"]);
  });

  it("compares ids as numbers, not as text", () => {
    const at = "2026-11-10T10:00:00.000Z";
    expect(mergeNewsItems([item("9", at), item("10", at), item("100", at)]).map((i) => i.id)).toEqual(["100", "10", "9"]);
  });
});
