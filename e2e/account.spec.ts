import { expect, test } from "./fixtures";
import { waitUntilLive } from "./helpers";

test("[ACCOUNT] sign-up to first trade as a new user", async ({ page, consoleErrors }) => {
  void consoleErrors;
  const email = `e2e-${Date.now()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Name (optional)").fill("Eve Tester");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long e2e passphrase");
  await page.getByLabel("Confirm password").fill("a long e2e passphrase");
  await page.getByRole("button", { name: /create account|sign up/i }).click();
  await expect(page.getByTestId("viewer-name")).toHaveText("Eve Tester", { timeout: 30_000 });

  await page.getByRole("link", { name: "Trade", exact: true }).first().click();
  await waitUntilLive(page);
  await expect(page.getByTestId("available")).not.toHaveText("—");

  // A market buy spending 100 USD of the sign-up funds.
  await page.getByTestId("type-market").click();
  await page.getByTestId("input-total").fill("100");
  await expect(page.getByTestId("estimate-fee")).not.toHaveText("—");
  await page.getByTestId("submit-order").click();
  await expect(page.getByText(/^Bought [\d.]+ ACME at [\d.,]+ USD$/)).toBeVisible();

  await page.getByRole("tab", { name: "My trades" }).click();
  await expect(page.getByTestId("tape-mine").getByTestId("tape-row")).toHaveCount(1);
});

test("[ACCOUNT] a visitor is asked to sign in before trading", async ({ page, consoleErrors }) => {
  void consoleErrors;
  await page.goto("/trade/ACME-USD");
  await waitUntilLive(page, { isSignedIn: false });
  await expect(page.getByText("Sign in to trade.")).toBeVisible();
  await expect(page.getByTestId("submit-order")).toHaveCount(0);
  await page.getByTestId("input-quantity").fill("0.00001");
  await page.getByTestId("input-quantity").blur();
  await expect(page.getByText("ACME amounts have at most 4 decimals.")).toBeVisible();
});
