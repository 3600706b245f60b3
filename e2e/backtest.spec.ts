import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

test("[RESEARCH] a trader backtests a strategy on the page, then sweeps its parameters with a progress bar", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await signIn(page, "alice@bourse.local", "/backtest");
  await page.getByTestId("bt-market").selectOption("BTC-USD");
  await page.getByTestId("bt-interval").selectOption("1m");
  await page.getByTestId("bt-from").fill(yesterday());
  await page.getByTestId("bt-to").fill(today());
  await page.getByTestId("bt-strategy").selectOption("sma-cross");
  await page.getByTestId("bt-param-fast").fill("2");
  await page.getByTestId("bt-param-slow").fill("5");
  await page.getByTestId("bt-submit").click();

  await expect(page.getByTestId("backtest-results")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("backtest-summary")).toContainText("BTC-USD 1m");
  await expect(page.getByTestId("metric-totalReturn")).toHaveText(/^-?\d+\.\d{2}%$/);
  await expect(page.getByTestId("equity-chart").locator("canvas").first()).toBeVisible();
  await expect(page.getByTestId("backtest-price-chart").locator("canvas").first()).toBeVisible();

  await page.getByTestId("mode-sweep").click();
  await page.getByTestId("bt-param-fast").fill("2, 3");
  await page.getByTestId("bt-param-slow").fill("5, 8");
  await page.getByTestId("bt-submit").click();
  const sweep = page.getByTestId("sweep-results");
  await expect(sweep).toContainText("4 combinations", { timeout: 30_000 });
  await expect(sweep.locator("tbody tr")).toHaveCount(4);

  // A bad input is refused with a clear message, not a crash.
  await page.getByTestId("mode-run").click();
  await page.getByTestId("bt-param-fast").fill("9");
  await page.getByTestId("bt-param-slow").fill("5");
  await page.getByTestId("bt-submit").click();
  await expect(page.getByTestId("backtest-error")).toBeVisible();
});
