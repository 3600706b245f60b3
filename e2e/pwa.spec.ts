import { expect, test } from "./fixtures";

test("[PWA] the manifest and its icons are served", async ({ request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: expect.any(String), short_name: "Bourse", start_url: "/", display: "standalone" });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const icons: { src: string; sizes: string; purpose?: string }[] = manifest.icons;
  expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const icon of icons) {
    const image = await request.get(icon.src);
    expect(image.ok(), icon.src).toBe(true);
    expect(image.headers()["content-type"]).toBe("image/png");
  }
});

test("[PWA] the service worker registers, and offline shows the offline page, never cached data", async ({ page, context }) => {
  // No console check here: going offline makes the live panels log failed requests, as they should.
  const script = await page.request.get("/sw.js");
  expect(script.ok()).toBe(true);
  expect(script.headers()["content-type"]).toContain("javascript");

  await page.goto("/");
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(new URL(scope).pathname).toBe("/");
  // The first visit is not yet controlled; a reload is.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.goto("/portfolio").catch(() => undefined);
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  // The API is never answered from a cache.
  const apiAnswered = await page.evaluate(() =>
    fetch("/api/trpc/market.list").then(
      () => true,
      () => false,
    ),
  );
  expect(apiAnswered).toBe(false);
  await context.setOffline(false);
});
