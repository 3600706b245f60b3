import { describe, expect, it } from "vitest";
import { callerFor, createTestMarket, createTestUser, sessionUser, uniqueSuffix } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { users } from "../../db/schema";
import { eq } from "drizzle-orm";
import { auditLedger } from "../../db/queries/ledger-audit";

const { services } = servicesForThisFile();

async function adminCaller() {
  return callerFor(services, sessionUser(await createTestUser(services, {}, "admin"), "admin"));
}

describe("[ADMIN] assets and markets", () => {
  it("creates an asset and a market whose rules are validated against the assets' scales", async () => {
    const admin = await adminCaller();
    await createTestMarket(services); // USD exists
    const symbol = `A${uniqueSuffix()}`;
    expect((await admin.asset.list()).some((a) => a.symbol === symbol)).toBe(false); // primes the cache
    await admin.admin.createAsset({ symbol, name: "Asset", scale: 3 });
    expect((await admin.asset.list()).some((a) => a.symbol === symbol)).toBe(true);
    await expect(admin.admin.createAsset({ symbol, name: "Again", scale: 3 })).rejects.toMatchObject({
      cause: { code: "ASSET_EXISTS" },
    });

    const rules = {
      baseAsset: symbol,
      quoteAsset: "USD",
      priceTick: "0.05",
      quantityStep: "0.001",
      minQuantity: "0.002",
      minNotional: "1",
    };
    await expect(
      admin.admin.createMarket({ ...rules, minQuantity: "0.0025", makerFeeBps: 5, takerFeeBps: 10 }),
    ).rejects.toMatchObject({
      cause: { code: "TOO_MANY_DECIMALS" },
    });
    await expect(
      admin.admin.createMarket({ ...rules, minQuantity: "0.003", quantityStep: "0.002", makerFeeBps: 5, takerFeeBps: 10 }),
    ).rejects.toMatchObject({
      cause: { code: "INVALID_MARKET_RULES", details: { field: "minQuantity" } },
    });
    await expect(admin.admin.createMarket({ ...rules, priceTick: "0", makerFeeBps: 5, takerFeeBps: 10 })).rejects.toMatchObject({
      cause: { code: "INVALID_MARKET_RULES" },
    });
    expect((await admin.market.list()).some((m) => m.baseAsset === symbol)).toBe(false); // primes the cache
    const market = await admin.admin.createMarket({ ...rules, makerFeeBps: 5, takerFeeBps: 10 });
    expect(market).toMatchObject({ symbol: `${symbol}-USD`, priceTick: "0.05", quantityStep: "0.001", status: "OPEN" });
    expect((await admin.market.list()).some((m) => m.symbol === market.symbol)).toBe(true);
    await expect(admin.admin.createMarket({ ...rules, makerFeeBps: 5, takerFeeBps: 10 })).rejects.toMatchObject({
      cause: { code: "MARKET_EXISTS" },
    });
  });

  it("a halted market refuses new orders but accepts cancels; resuming reopens it", async () => {
    const admin = await adminCaller();
    const market = await createTestMarket(services);
    const trader = callerFor(services, sessionUser(await createTestUser(services, { USD: "1000.00" })));
    const { order } = await trader.order.place({
      market: market.symbol,
      side: "BUY",
      type: "LIMIT",
      price: "1.00",
      quantity: "1",
    });
    expect((await trader.market.bySymbol({ symbol: market.symbol })).status).toBe("OPEN"); // primes the cache
    expect((await admin.admin.setMarketStatus({ symbol: market.symbol, status: "HALTED" })).status).toBe("HALTED");
    expect((await trader.market.bySymbol({ symbol: market.symbol })).status).toBe("HALTED");
    expect((await trader.market.list()).find((m) => m.symbol === market.symbol)?.status).toBe("HALTED");
    await expect(
      trader.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" }),
    ).rejects.toMatchObject({ cause: { code: "MARKET_HALTED" } });
    expect((await trader.order.cancel({ orderId: order.id })).status).toBe("CANCELED");
    await admin.admin.setMarketStatus({ symbol: market.symbol, status: "OPEN" });
    const again = await trader.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" });
    expect(again.order.status).toBe("NEW");
    await expect(admin.admin.setMarketStatus({ symbol: "NOPE-USD", status: "HALTED" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("[ADMIN] deposits and withdrawals", () => {
  it("moves funds to and from any user by email through the system account; the ledger stays balanced", async () => {
    const admin = await adminCaller();
    await createTestMarket(services);
    const id = await createTestUser(services);
    const [user] = await services.db.select({ email: users.email }).from(users).where(eq(users.id, id));
    const email = user?.email ?? "";
    expect(
      await admin.admin.deposit({ email: email.toUpperCase(), asset: "USD", amount: "150.25", note: "wire 42" }),
    ).toMatchObject({
      available: "150.25",
    });
    expect(await admin.admin.withdraw({ email, asset: "USD", amount: "50.25" })).toMatchObject({ available: "100.00" });
    await expect(admin.admin.withdraw({ email, asset: "USD", amount: "100.01" })).rejects.toMatchObject({
      cause: { code: "INSUFFICIENT_FUNDS" },
    });
    await expect(admin.admin.deposit({ email: "nobody@test.local", asset: "USD", amount: "1" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(admin.admin.deposit({ email, asset: "USD", amount: "0" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const found = await admin.admin.findUser({ email });
    expect(found.balances.find((b) => b.asset === "USD")).toMatchObject({ total: "100.00" });
    expect((await auditLedger(services.db)).filter((c) => !c.ok)).toEqual([]);
  });
});
