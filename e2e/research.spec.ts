import path from "node:path";
import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

const ZIP = path.resolve(import.meta.dirname, "../tests/fixtures/klines/BTCUSDT-1m-2024-01-01.zip");

test("[RESEARCH] an admin uploads a Binance kline zip and the chart draws it before the market's own trades", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await signIn(page, "admin@bourse.local", "/admin");
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Import price history" }) });
  await section.getByLabel("Market").selectOption("BTC-USD");
  await section.getByLabel("Interval of the file").selectOption("1m");
  await section.getByTestId("kline-file").setInputFiles(ZIP);
  // Binance quotes BTC to the cent's hundredth; the demo market's tick is coarser.
  await section.getByLabel("Round off-tick prices to the nearest tick").check();
  await section.getByRole("button", { name: "Upload and import" }).click();
  // A retried run finds the rows stored by the first: the import is idempotent, so both read "Imported".
  await expect(section.getByTestId("kline-import-report")).toContainText(/Imported BTCUSDT-1m-2024-01-01\.zip into BTC-USD 1m/);
  await expect(section.getByTestId("kline-import-report")).toContainText(/(5 new candles|5 already stored)/);

  await page.goto("/trade/BTC-USD");
  await page.getByTestId("interval-1m").click();
  await expect(page.getByTestId("imported-history")).toContainText("binance:BTCUSDT");
});
