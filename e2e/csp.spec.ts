import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, watchCspViolations } from "./helpers";

const PAGES = ["/", "/trade/ACME-USD", "/sign-in"];
/** Every kind of page: public, per market, signed-in only, the service worker's fallback, auth. */
const ALL_PAGES = [...PAGES, "/portfolio", "/offline"];
const NONCE = /'nonce-([A-Za-z0-9+/]{22}==)'/;

function cspOf(response: APIResponse): string {
  const policies = response.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy");
  // Two policies would both be enforced, the stricter nonce-less one blocking every page script.
  expect(policies, `${response.url()} sends one policy`).toHaveLength(1);
  return policies[0]?.value ?? "";
}

function scriptSrcOf(policy: string): string {
  return policy.split(";").find((directive) => directive.trim().startsWith("script-src")) ?? "";
}

test("[CSP] pages run their scripts under a nonce policy with no violation", async ({ page, consoleErrors }) => {
  void consoleErrors;
  const violations = await watchCspViolations(page);
  await page.goto("/");
  await expect(page.getByTestId("market-row")).toHaveCount(5);
  await page.goto("/trade/ACME-USD");
  await expect(page.getByTestId("live-badge")).toHaveAttribute("data-live", "true");
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeEditable();
  // Next's runtime ran (a nonced chunk), and so did next-themes' inline script, which sets the class.
  expect(await page.evaluate(() => "next" in window)).toBe(true);
  await expect(page.locator("html")).toHaveClass(/\b(dark|light)\b/);
  expect(violations).toEqual([]);
});

test("[CSP] every page response has its own nonce, on every script it renders, and no inline allowance", async ({ request }) => {
  for (const path of PAGES) {
    const [first, second] = [await request.get(path), await request.get(path)];
    const nonces = [first, second].map((response) => {
      expect(response.ok(), path).toBe(true);
      const scriptSrc = scriptSrcOf(cspOf(response));
      expect(scriptSrc, path).toContain("'strict-dynamic'");
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, path).not.toContain("'unsafe-eval'");
      const nonce = NONCE.exec(scriptSrc)?.[1];
      expect(nonce, `${path} has a nonce`).toBeDefined();
      return nonce;
    });
    expect(nonces[0], `${path} gets a fresh nonce per request`).not.toBe(nonces[1]);

    const html = await second.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonces[1]}"`);
  }
});

test("[CSP] no page may be stored by a shared cache, signed in or not", async ({ page, request }) => {
  const expectPrivate = (response: APIResponse, who: string) => {
    const cacheControl = response.headers()["cache-control"] ?? "";
    expect(cacheControl, `${response.url()} ${who}`).not.toMatch(/public|s-maxage/);
    expect(cacheControl, `${response.url()} ${who}`).toMatch(/private|no-store/);
  };
  for (const path of ALL_PAGES) expectPrivate(await request.get(path), "anonymous");
  await signIn(page, "alice@bourse.local", "/portfolio");
  for (const path of ALL_PAGES) expectPrivate(await page.request.get(path), "signed in");
});

test("[CSP] the API and static files skip the nonce path, and static files keep their caching", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const chunk = /<script\b[^>]*src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(chunk, "the page loads a hashed chunk").toBeDefined();
  const chunkResponse = await request.get(chunk ?? "");
  expect(chunkResponse.headers()["cache-control"]).toContain("max-age=31536000");
  expect(chunkResponse.headers()["cache-control"]).toContain("immutable");
  const noncelessPaths = ["/sw.js", "/manifest.webmanifest", "/icons/icon-192.png", "/api/trpc/market.list", "/api/health"];
  const others = await Promise.all(noncelessPaths.map((path) => request.get(path)));
  for (const response of [chunkResponse, ...others]) {
    expect(response.ok(), response.url()).toBe(true);
    const policy = cspOf(response);
    // Still the site's policy, in its nonce-less form that allows no inline script at all.
    expect(scriptSrcOf(policy).trim(), response.url()).toBe("script-src 'self'");
    expect(policy, response.url()).toContain("frame-ancestors 'none'");
  }
});

test("[CSP] markup injected into a page cannot run script, and the refusal is reported", async ({ page }) => {
  // No console check: the browser logs the refusals, which is the point. This also proves that the
  // violation watcher the other specs rely on sees what it should.
  const violations = await watchCspViolations(page);
  // What a stored or reflected injection would look like: the real answer, policy and all, with an
  // inline script and an inline handler the server never rendered.
  await page.route("**/sign-in", async (route) => {
    const response = await route.fetch();
    const injected =
      '<script>window.injectedScriptRan = true</script><img src="/icons/no-such-icon.png" onerror="window.injectedHandlerRan = true">';
    await route.fulfill({ response, body: (await response.text()).replace(/<body[^>]*>/, (body) => body + injected) });
  });
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeEditable();
  await expect.poll(() => violations.length).toBe(2);
  expect(violations.every((violation) => violation.includes("script-src"))).toBe(true);
  expect(await page.evaluate(() => ["injectedScriptRan", "injectedHandlerRan"].filter((name) => name in window))).toEqual([]);
  // The page's own scripts still ran.
  expect(await page.evaluate(() => "next" in window)).toBe(true);
});
