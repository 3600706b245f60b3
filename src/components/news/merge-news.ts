/** What the feed needs of an item to order and de-duplicate it. */
interface Ordered {
  id: string;
  /** ISO 8601 from the server (toISOString), so strings compare in time order. */
  publishedAt: string;
}

/** Ids are digit strings of any length: a longer one is the greater. */
function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The feed as shown: items that arrived live and the pages read so far, each once, newest first
 * in the server's own order (publication time, then id), so a live story lands where a reload
 * would put it: at the top when it is the newest.
 */
export function mergeNewsItems<T extends Ordered>(...lists: readonly (readonly T[])[]): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) for (const item of list) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) =>
    a.publishedAt === b.publishedAt ? compareIds(b.id, a.id) : a.publishedAt < b.publishedAt ? 1 : -1,
  );
}
