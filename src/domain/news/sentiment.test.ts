import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fromScoreBps, labelOf, scoreNewsItem, scoreText, toScoreBps } from "./sentiment";
import { evaluateSentiment, type LabelledHeadline } from "./sentiment-evaluation";

const LABELLED_SET = path.resolve(import.meta.dirname, "../../../tests/fixtures/news/labelled-headlines.json");

describe("[NEWS] sentiment", () => {
  it("scores good news above zero, bad news below, plain facts at zero", () => {
    expect(scoreText("Acme beats estimates and raises its dividend")).toBeGreaterThan(0.05);
    expect(scoreText("Lender files for bankruptcy after fraud charges")).toBeLessThan(-0.05);
    expect(scoreText("Acme to report results on Thursday")).toBe(0);
    expect(scoreText("")).toBe(0);
  });

  it("reads a negation", () => {
    expect(scoreText("The company is profitable")).toBeGreaterThan(0);
    expect(scoreText("The company is not profitable")).toBeLessThan(0);
  });

  it("stays within [-1, 1] however strong or long the text", () => {
    const strong = "catastrophic fraud bankruptcy crash ".repeat(500);
    expect(scoreText(strong)).toBeGreaterThanOrEqual(-1);
    expect(scoreText(strong)).toBeLessThan(-0.9);
    expect(scoreText("outstanding superb wonderful ".repeat(500))).toBeLessThanOrEqual(1);
  });

  it("weighs the headline twice the summary", () => {
    const title = "Acme beats estimates";
    const summary = "Losses at the old unit continued.";
    expect(scoreNewsItem({ title, summary: "" })).toBe(scoreText(title));
    expect(scoreNewsItem({ title, summary })).toBeCloseTo((2 * scoreText(title) + scoreText(summary)) / 3, 12);
  });

  it("stores scores as integer basis points, clamped", () => {
    expect(toScoreBps(0.123456)).toBe(1235);
    expect(toScoreBps(-2)).toBe(-10_000);
    expect(toScoreBps(Number.NaN)).toBe(0);
    expect(fromScoreBps(toScoreBps(-0.5))).toBe(-0.5);
    expect([labelOf(0.051), labelOf(-0.051), labelOf(0.05)]).toEqual(["positive", "negative", "neutral"]);
  });

  it("labels at least 80% of the shipped headlines as a person did (docs/news.md states the figure)", () => {
    const set = JSON.parse(readFileSync(LABELLED_SET, "utf8")) as LabelledHeadline[];
    const counts = { positive: 0, negative: 0, neutral: 0 };
    for (const row of set) counts[row.label]++;
    expect(set.length).toBeGreaterThanOrEqual(60);
    expect(Math.min(...Object.values(counts))).toBeGreaterThanOrEqual(20);
    const evaluation = evaluateSentiment(set);
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.8);
  });
});
