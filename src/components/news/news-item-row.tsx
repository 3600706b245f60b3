import { parseHttpUrl } from "@/domain/news/urls";
import { formatDateTime } from "../ui/time-format";
import { SentimentBadge } from "./sentiment-badge";
import type { NewsItem } from "./use-news-feed";

const ORIGIN: Record<NewsItem["origin"], string> = { feed: "Feed", manual: "Bourse desk", import: "Imported" };

/** Only an absolute http(s) link is ever rendered as one: a stored URL is checked again here. */
function safeHref(url: string | null): URL | null {
  return url === null ? null : parseHttpUrl(url);
}

/** One story: headline (linking out when it has a web address), where it is from, when, its mood. */
export function NewsItemRow({ item, isFresh }: { item: NewsItem; isFresh: boolean }) {
  const href = safeHref(item.url);
  const source = href ? href.hostname.replace(/^www\./, "") : ORIGIN[item.origin];
  return (
    <li
      className={`flex flex-col gap-1 px-3 py-2.5 ${isFresh ? "bg-accent/5" : ""}`}
      data-testid="news-item"
      data-id={item.id}
      data-label={item.label}
      data-fresh={isFresh ? "true" : "false"}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-medium leading-snug" data-testid="news-title">
          {href ? (
            <a href={href.href} target="_blank" rel="noopener noreferrer" className="hover:text-accent hover:underline">
              {item.title}
            </a>
          ) : (
            item.title
          )}
        </h3>
        <SentimentBadge label={item.label} score={item.score} />
      </div>
      {item.summary && <p className="line-clamp-2 text-xs text-muted">{item.summary}</p>}
      <p className="flex flex-wrap gap-x-2 text-[11px] text-muted">
        <span data-testid="news-source">{source}</span>
        <time dateTime={item.publishedAt} data-testid="news-time">
          {formatDateTime(item.publishedAt)}
        </time>
        {isFresh && <span className="font-medium text-accent">New</span>}
      </p>
    </li>
  );
}
