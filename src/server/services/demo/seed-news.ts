import type { ServiceContext } from "../context";
import { storeNewsBatch } from "../research/news/news-items";

/**
 * A day of made-up headlines per demo asset, so a newcomer's asset page has a feed and a
 * sentiment line before any source is registered. Each is scored by the real scorer when stored;
 * the mix of good and bad news is the headlines' own, not set by hand. Keyed by a GUID of their
 * own (`seed:<asset>:<n>`), so seeding again stores nothing twice, and without links: they are
 * not stories anyone published.
 */
const DEMO_NEWS: Record<string, readonly (readonly [hoursAgo: number, title: string])[]> = {
  ACME: [
    [22, "Acme Corporation raises full-year outlook after strong quarter"],
    [17, "Acme opens its third warehouse in the north"],
    [11, "Acme shares slip as rival announces cheaper anvils"],
    [6, "Acme wins a record order from rail operator"],
    [2, "Regulator opens probe into Acme safety complaints"],
  ],
  BTC: [
    [21, "Bitcoin rallies as inflows into funds surge"],
    [15, "Bitcoin network fees fall to a yearly low"],
    [9, "Exchange hack sends Bitcoin lower in heavy selling"],
    [3, "Bitcoin steadies as traders await the central bank"],
  ],
  ETH: [
    [20, "Ether gains after successful network upgrade"],
    [13, "Ether staking withdrawals climb, weighing on price"],
    [5, "Developers schedule the next Ether upgrade for spring"],
    [1, "Ether jumps as large holders add to positions"],
  ],
  GOLD: [
    [23, "Gold climbs to a record as investors seek safety"],
    [14, "Gold slips as the dollar strengthens"],
    [7, "Central banks keep buying gold, survey shows"],
    [2, "Gold falls after strong jobs data cuts rate cut bets"],
  ],
  SOLR: [
    [19, "Solar Cooperative doubles its panel output"],
    [12, "Solar Cooperative delays dividend after storm damage"],
    [4, "Solar Cooperative members approve new community farm"],
  ],
};

const HOUR_MS = 3_600_000;

/** Stores the demo headlines of every demo asset (seedDemo has made them); returns how many were new. */
export async function seedDemoNews(ctx: ServiceContext, nowMs = Date.now()): Promise<number> {
  let added = 0;
  for (const [asset, headlines] of Object.entries(DEMO_NEWS)) {
    const items = headlines.map(([hoursAgo, title], index) => ({
      guid: `seed:${asset}:${index + 1}`,
      title,
      publishedAt: new Date(nowMs - hoursAgo * HOUR_MS).toISOString(),
    }));
    const outcome = await storeNewsBatch(ctx, { asset, sourceId: null, origin: "manual", items, nowMs });
    added += outcome.added.length;
  }
  return added;
}
