import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

/** Types a story into the admin console's manual form and waits until the server has stored and scored it. */
async function addNewsItem(admin: Page, title: string): Promise<void> {
  const form = admin.getByTestId("admin-news-item-form");
  await form.getByLabel("Asset").fill("ACME");
  await form.getByLabel("Headline").fill(title);
  await form.getByRole("button", { name: "Add news item" }).click();
  await expect(form.getByTestId("admin-news-item-stored")).toContainText(title);
}

test("[NEWS] an admin's story is scored on the asset page, and the next one arrives live", async ({ newUser }) => {
  const admin = await newUser();
  const reader = await newUser();
  await signIn(admin, "admin@bourse.local", "/admin");
  // A suffix keeps reruns against one server apart; one short token barely moves a headline's score.
  const run = Date.now().toString(36);
  const good = `Acme raises full-year guidance after record quarter ${run}`;
  await addNewsItem(admin, good);

  await reader.goto("/assets/ACME");
  const items = reader.getByTestId("news-item");
  const goodItem = items.filter({ hasText: good });
  await expect(goodItem).toBeVisible();
  await expect(goodItem.getByTestId("sentiment-badge")).toHaveAttribute("data-label", "positive");
  await expect(items.first()).toContainText(good);
  await expect(reader.getByTestId("sentiment-price-chart")).toBeVisible();
  await expect(reader.getByTestId("live-badge")).toHaveAttribute("data-live", "true", { timeout: 30_000 });

  // Marks this document: if the next story came by a reload, the mark would be gone.
  await reader.evaluate(() => {
    (window as Window & { isSamePage?: boolean }).isSamePage = true;
  });
  const bad = `Acme plunges as regulator sues over accounting fraud ${run}`;
  await addNewsItem(admin, bad);

  const badItem = items.filter({ hasText: bad });
  await expect(badItem).toBeVisible();
  await expect(items.first()).toContainText(bad);
  await expect(badItem).toHaveAttribute("data-fresh", "true");
  await expect(badItem.getByTestId("sentiment-badge")).toHaveAttribute("data-label", "negative");
  expect(await reader.evaluate(() => (window as Window & { isSamePage?: boolean }).isSamePage)).toBe(true);
});

test("[NEWS] the trade header leads to the asset page; an asset without market or news says so", async ({
  page,
  consoleErrors,
}) => {
  void consoleErrors;
  await page.goto("/trade/GOLD-USD");
  await page.getByTestId("market-news-link").click();
  await page.waitForURL("**/assets/GOLD");
  await expect(page.getByTestId("asset-header")).toContainText("GOLD");
  // The demo seeds a day of headlines per asset, each with its badge.
  await expect(page.getByTestId("news-item").first().getByTestId("sentiment-badge")).toBeVisible();
  await expect(page.getByTestId("asset-market-link")).toHaveAttribute("href", "/trade/GOLD-USD");

  await page.goto("/assets/USD");
  await expect(page.getByTestId("asset-chart-empty")).toBeVisible();
  await expect(page.getByTestId("news-empty")).toBeVisible();

  await page.goto("/assets/NOPE");
  await expect(page.getByTestId("asset-not-found")).toBeVisible();
});
