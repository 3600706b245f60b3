import { afinn165FinancialMarketNews } from "afinn-165-financialmarketnews";
import Sentiment from "sentiment";
import english from "sentiment/languages/en/index.js";
import { SCORE_BPS_SCALE, type SENTIMENT_LABELS } from "./facts";

/**
 * The one door to the sentiment library. `sentiment` (AFINN word valences, -5..5, with its
 * English negation rule) scores with the AFINN-165 list as adjusted for financial market news
 * ("raises", "bankruptcy", "downgrade"...). Registered once as its own language: passing the
 * lexicon as per-call `extras` would merge 3,500 words into the library's shared map on every
 * call (milliseconds each, and a mutation of its English list).
 */
const analyzer = new Sentiment();
const LANGUAGE = "en-financial";
analyzer.registerLanguage(LANGUAGE, {
  labels: { ...afinn165FinancialMarketNews },
  scoringStrategy: english.scoringStrategy,
});

/** Longer text is cut before scoring: a stored summary is shorter anyway. */
const MAX_SCORED_CHARS = 2_000;

/**
 * A text's sentiment in [-1, 1]: tanh of the mean valence per word. The mean keeps a long
 * summary from outweighing a headline by length alone; tanh keeps the sign, is nearly linear for
 * everyday headlines (|mean| < 0.5) and bounds a text made only of strong words near ±1.
 */
export function scoreText(text: string): number {
  if (text.trim() === "") return 0;
  const { comparative } = analyzer.analyze(text.slice(0, MAX_SCORED_CHARS), { language: LANGUAGE });
  return Number.isFinite(comparative) ? Math.tanh(comparative) : 0;
}

/**
 * An item's score: the headline counts twice what the summary does, since it is written to say
 * what the news is, while a summary often adds background of either sign.
 */
export function scoreNewsItem(item: { title: string; summary: string }): number {
  const title = scoreText(item.title);
  return item.summary.trim() === "" ? title : (2 * title + scoreText(item.summary)) / 3;
}

export function toScoreBps(score: number): number {
  const clamped = Math.max(-1, Math.min(1, Number.isFinite(score) ? score : 0));
  return Math.round(clamped * SCORE_BPS_SCALE);
}

export function fromScoreBps(bps: number): number {
  return bps / SCORE_BPS_SCALE;
}

export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** Scores within ±this read as neutral (VADER's convention, chosen before measuring). */
export const NEUTRAL_BAND = 0.05;

export function labelOf(score: number): SentimentLabel {
  if (score > NEUTRAL_BAND) return "positive";
  if (score < -NEUTRAL_BAND) return "negative";
  return "neutral";
}
