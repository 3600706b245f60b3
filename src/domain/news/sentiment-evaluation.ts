import { labelOf, type SentimentLabel, scoreText } from "./sentiment";

export interface LabelledHeadline {
  headline: string;
  label: SentimentLabel;
}

export interface SentimentEvaluation {
  total: number;
  correct: number;
  /** correct / total, 0..1. */
  accuracy: number;
  /** confusion[expected][predicted] = count. */
  confusion: Record<SentimentLabel, Record<SentimentLabel, number>>;
  misses: { headline: string; expected: SentimentLabel; predicted: SentimentLabel; score: number }[];
}

const LABELS: readonly SentimentLabel[] = ["positive", "negative", "neutral"];

/** How often the scorer's label (see `labelOf`) matches a person's, over a labelled set. */
export function evaluateSentiment(set: readonly LabelledHeadline[]): SentimentEvaluation {
  const row = () => ({ positive: 0, negative: 0, neutral: 0 });
  const confusion = { positive: row(), negative: row(), neutral: row() };
  const misses: SentimentEvaluation["misses"] = [];
  for (const { headline, label } of set) {
    const score = scoreText(headline);
    const predicted = labelOf(score);
    confusion[label][predicted]++;
    if (predicted !== label) misses.push({ headline, expected: label, predicted, score });
  }
  const correct = LABELS.reduce((sum, label) => sum + confusion[label][label], 0);
  return { total: set.length, correct, accuracy: set.length === 0 ? 0 : correct / set.length, confusion, misses };
}
