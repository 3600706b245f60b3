import { expect, test } from "./fixtures";
import { watchCspViolations } from "./helpers";

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
  const violations = await watchCspViolations(page);
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
  // The cached page is the answer the worker fetched when it installed, headers and all: its policy
  // names the nonce its scripts carry, so they run (Next's runtime starts) with no violation.
  const cached = await page.evaluate(async () => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (new URL(request.url).pathname !== "/offline") continue;
        const response = await cache.match(request);
        return { policy: response?.headers.get("content-security-policy") ?? "", html: (await response?.text()) ?? "" };
      }
    }
    return undefined;
  });
  const nonce = /'nonce-([^']+)'/.exec(cached?.policy ?? "")?.[1];
  expect(nonce, "the cached offline page has its nonce policy").toBeDefined();
  for (const tag of cached?.html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  await expect.poll(() => page.evaluate(() => "next" in window)).toBe(true);
  expect(violations).toEqual([]);
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
