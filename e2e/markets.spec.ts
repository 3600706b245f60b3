import { expect, test } from "./fixtures";

test("[MARKETS] the list shows live figures, searches, and opens a market", async ({ page, consoleErrors }) => {
  void consoleErrors;
  await page.goto("/");
  const rows = page.getByTestId("market-row");
  await expect(rows).toHaveCount(5);
  // Every seeded market has traded, so each row shows a last price with thousands separators.
  for (const cell of await page.getByTestId("market-last").all()) await expect(cell).toHaveText(/^\d{1,3}(,\d{3})*\.\d+$/);

  await page.getByTestId("market-search").fill("gold");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-symbol", "GOLD-USD");
  await page.getByTestId("market-search").fill("nothing-like-this");
  await expect(page.getByText("No market matches")).toBeVisible();

  await page.getByTestId("market-search").fill("");
  await rows.filter({ hasText: "ACME" }).getByRole("link", { name: /ACME/ }).click();
  await page.waitForURL("**/trade/ACME-USD");
  await expect(page.getByTestId("live-badge")).toHaveAttribute("data-live", "true");
});
