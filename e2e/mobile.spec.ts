import { expect, test } from "./fixtures";
import { signIn, waitUntilLive } from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

test("[MOBILE] phone-viewport walkthrough", async ({ newUser }) => {
  const page = await newUser(PHONE);
  await signIn(page, "dave@bourse.local", "/");
  await expect(page.getByTestId("market-row").first()).toBeVisible();

  // Navigation lives in a menu on a phone.
  await page.getByTestId("menu-button").click();
  await page.getByRole("dialog").getByRole("link", { name: "Trade" }).click();
  await page.waitForURL("**/trade/ACME-USD");
  await waitUntilLive(page);

  const tabs = page.getByRole("tablist", { name: "Trading sections" });
  for (const name of ["Chart", "Book", "Trade", "Orders"]) {
    const box = await tabs.getByRole("tab", { name }).boundingBox();
    expect(box?.height ?? 0, `${name} tab is touch-sized`).toBeGreaterThanOrEqual(44);
  }
  await expect(page.getByTestId("candle-chart")).toBeVisible();

  // Book: tapping a level carries its price to the order form, which opens.
  await tabs.getByRole("tab", { name: "Book" }).click();
  const level = page.getByTestId("book-bid").nth(2);
  const price = await level.getAttribute("data-price");
  await level.click();
  await expect(tabs.getByRole("tab", { name: "Trade" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("input-price")).toHaveValue(price ?? "");
  for (const id of ["side-buy", "side-sell", "submit-order", "percent-25"]) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box?.height ?? 0, `${id} is touch-sized`).toBeGreaterThanOrEqual(44);
  }

  // Dave has dollars only: 25 % of them at that bid rests as a buy.
  await page.getByTestId("percent-25").click();
  await expect(page.getByTestId("input-quantity")).not.toHaveValue("");
  await page.getByTestId("submit-order").click();
  await expect(page.getByText(/Buy order placed/)).toBeVisible();

  await tabs.getByRole("tab", { name: "Orders" }).click();
  const order = page.getByTestId("open-order").filter({ hasText: price ?? "" });
  await expect(order).toBeVisible();
  await page.getByTestId("cancel-all").click();
  await expect(order).toHaveCount(0);
});
