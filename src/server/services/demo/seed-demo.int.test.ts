import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { servicesForThisFile } from "../../../../tests/file-services";
import { journals, newsItems, orders, trades } from "../../db/schema";
import { auditLedger } from "../../db/queries/ledger-audit";
import { seedDemo } from "./seed-demo";

const { services } = servicesForThisFile();

const counts = async () => ({
  orders: (await services.db.select({ n: count() }).from(orders))[0]?.n,
  trades: (await services.db.select({ n: count() }).from(trades))[0]?.n,
  journals: (await services.db.select({ n: count() }).from(journals))[0]?.n,
  news: (await services.db.select({ n: count() }).from(newsItems))[0]?.n,
});

describe("[SEED] the newcomer's demo", () => {
  it("seeds books on both sides and a day of trades, with clean books, and a second run changes nothing", async () => {
    await seedDemo(services);
    const first = await counts();
    expect(first.trades).toBeGreaterThanOrEqual(5 * 60);
    expect(first.news).toBeGreaterThanOrEqual(5 * 3);
    expect((await auditLedger(services.db)).filter((c) => !c.ok)).toEqual([]);

    await seedDemo(services);
    expect(await counts()).toEqual(first);
    expect((await auditLedger(services.db)).filter((c) => !c.ok)).toEqual([]);
  }, 120_000);
});
