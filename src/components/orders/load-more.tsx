interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The "older" button under a paged list; nothing once the last page is in. */
export function LoadMore({ query }: { query: Pages }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="flex justify-center p-2">
      <button
        type="button"
        onClick={() => void query.fetchNextPage()}
        disabled={query.isFetchingNextPage}
        className="h-11 rounded-md border border-line px-4 text-xs text-muted hover:text-fg md:h-8"
      >
        {query.isFetchingNextPage ? "Loading…" : "Load older"}
      </button>
    </div>
  );
}
