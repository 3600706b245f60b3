import { expect, test } from "./fixtures";
import { bestPrices, formatUnits, placeLimit, signIn, units, waitUntilLive } from "./helpers";

const MARKET = "/trade/ACME-USD";

test("[TRADE] two users see the fill live", async ({ newUser }) => {
  const alice = await newUser();
  const bob = await newUser();
  await signIn(alice, "alice@bourse.local", MARKET);
  await signIn(bob, "bob@bourse.local", MARKET);
  await waitUntilLive(alice);
  await waitUntilLive(bob);

  // Alice improves the best ask by one tick, so Bob's buy at that price meets her order first.
  const { bid, ask } = await bestPrices(alice);
  const price = formatUnits(units(ask, 2) - 1n, 2);
  expect(units(price, 2)).toBeGreaterThan(units(bid, 2));
  await placeLimit(alice, { side: "sell", price, quantity: "1.5" });
  await expect(alice.getByTestId("open-order").filter({ hasText: price })).toBeVisible();
  await expect(bob.locator(`[data-testid="book-ask"][data-price="${price}"]`)).toBeVisible();

  await placeLimit(bob, { side: "buy", price, quantity: "1.5" });

  // Both see it without reloading: the fill toast, the tape, Alice's order gone from her list.
  await expect(bob.getByText(`Bought 1.5000 ACME at ${price} USD`)).toBeVisible();
  await expect(alice.getByText(`Sold 1.5000 ACME at ${price} USD`)).toBeVisible();
  for (const page of [alice, bob]) {
    await expect(page.getByTestId("tape-market").getByTestId("tape-row").first()).toContainText(price);
    await expect(page.getByTestId("last-price")).toHaveText(price);
  }
  await expect(alice.getByTestId("open-order").filter({ hasText: price })).toHaveCount(0);
  await expect(bob.locator(`[data-testid="book-ask"][data-price="${price}"]`)).toHaveCount(0);
});

test("[ORDER] a cancel releases the hold in the portfolio", async ({ page, consoleErrors }) => {
  void consoleErrors;
  await signIn(page, "carol@bourse.local", "/portfolio");
  const usdHeld = page.locator('[data-testid="holding"][data-asset="USD"] [data-testid="holding-held"]');
  await expect(usdHeld).toBeVisible();
  const before = units((await usdHeld.textContent()) ?? "", 2);

  await page.getByRole("link", { name: "Trade", exact: true }).first().click();
  await page.waitForURL(`**${MARKET}`);
  await waitUntilLive(page);
  // Far below the market, so it rests: 2 ACME at 100.00 holds 200.00 plus the worst fee (0.2 %).
  await placeLimit(page, { side: "buy", price: "100.00", quantity: "2" });
  const order = page.getByTestId("open-order").filter({ hasText: "100.00" });
  await expect(order).toBeVisible();

  await page.getByRole("link", { name: "Portfolio" }).first().click();
  await expect(usdHeld).toHaveText(formatUnits(before + 20_040n, 2).replace(/\B(?=(\d{3})+(?!\d))/g, ","));

  await page.goBack();
  await waitUntilLive(page);
  await page.getByTestId("open-order").filter({ hasText: "100.00" }).getByTestId("cancel-order").click();
  await expect(page.getByText("Order canceled")).toBeVisible();
  await expect(page.getByTestId("open-order").filter({ hasText: "100.00" })).toHaveCount(0);

  await page.getByRole("link", { name: "Portfolio" }).first().click();
  await expect(usdHeld).toHaveText(formatUnits(before, 2).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
});

test("[TRADE] post-only and time in force from the order form", async ({ page, consoleErrors }) => {
  void consoleErrors;
  await signIn(page, "bob@bourse.local", MARKET);
  await waitUntilLive(page);
  const openOrders = page.getByTestId("open-order");
  await expect(page.getByTestId("open-orders").or(page.getByText(/No open orders/))).toBeVisible();
  const openBefore = await openOrders.count();

  // Post-only at 999.00 crosses every ask, so the engine must refuse it rather than let it take.
  await page.getByTestId("side-buy").click();
  await page.getByTestId("type-limit").click();
  await page.getByTestId("tif-gtc").click();
  await page.getByTestId("post-only").check();
  await expect(page.getByTestId("tif-help")).toHaveText("Rest on the book or be rejected; never take liquidity");
  await page.getByTestId("input-price").fill("999.00");
  await page.getByTestId("input-quantity").fill("1");
  await page.getByTestId("submit-order").click();
  await expect(page.getByText("Post-only order rejected: it would have taken liquidity")).toBeVisible();
  await expect(openOrders.filter({ hasText: "999.00" })).toHaveCount(0);
  await expect(openOrders).toHaveCount(openBefore);

  // FOK can't be post-only: choosing it unticks and disables the box.
  await page.getByTestId("tif-fok").click();
  await expect(page.getByTestId("post-only")).not.toBeChecked();
  await expect(page.getByTestId("post-only")).toBeDisabled();

  // FOK at the best ask for one ACME more than that level holds: it cannot fill in full, so nothing trades.
  const bestAsk = page.getByTestId("book-ask").first();
  const price = await bestAsk.getAttribute("data-price");
  const size = await bestAsk.getAttribute("data-size");
  if (!price || !size) throw new Error("the order book has no ask");
  await page.getByTestId("input-price").fill(price);
  await page.getByTestId("input-quantity").fill(formatUnits(units(size, 4) + 10_000n, 4));
  await page.getByTestId("submit-order").click();
  await expect(page.getByText("Nothing filled: the order expired (IOC/FOK)")).toBeVisible();
  await expect(page.locator(`[data-testid="book-ask"][data-price="${price}"]`)).toHaveAttribute("data-size", size);
  await expect(openOrders).toHaveCount(openBefore);
});
