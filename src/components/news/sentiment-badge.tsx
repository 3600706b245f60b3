import type { NewsItem } from "./use-news-feed";

const TONE: Record<NewsItem["label"], string> = {
  positive: "bg-buy/15 text-buy",
  neutral: "bg-panel-2 text-muted",
  negative: "bg-sell/15 text-sell",
};

/** A story's sentiment: its label in words (colour is never the only sign) and the score. */
export function SentimentBadge({ label, score }: { label: NewsItem["label"]; score: number }) {
  const signed = `${score > 0 ? "+" : ""}${score.toFixed(2)}`;
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium ${TONE[label]}`}
      data-testid="sentiment-badge"
      data-label={label}
      title={`Sentiment score ${signed} on a scale from -1 to +1`}
    >
      {label}
      <span className="tabular-nums opacity-80">{signed}</span>
    </span>
  );
}
