import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./fixtures";

/** Signs in through the accounts engineer's sign-in page and lands on `then`. */
export async function signIn(page: Page, email: string, then = "/"): Promise<void> {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(then)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === then.split("?")[0], { timeout: 30_000 });
}

/** Waits until the trading page's market streams and the account stream are connected. */
export async function waitUntilLive(page: Page, { isSignedIn = true } = {}): Promise<void> {
  await expect(page.getByTestId("live-badge")).toHaveAttribute("data-live", "true", { timeout: 30_000 });
  if (isSignedIn) await expect(page.getByTestId("account-stream")).toHaveAttribute("data-status", "pending", { timeout: 30_000 });
}

/** "125.45" → 12545n at scale 2: the tests do their money arithmetic in integers too. */
export function units(text: string, scale: number): bigint {
  const [whole = "0", fraction = ""] = text.replaceAll(",", "").split(".");
  return BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0").slice(0, scale) || "0");
}

export function formatUnits(value: bigint, scale: number): string {
  const digits = value.toString().padStart(scale + 1, "0");
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Best bid and ask of the ladder, as the page shows them. */
export async function bestPrices(page: Page): Promise<{ bid: string; ask: string }> {
  const bid = await page.getByTestId("book-bid").first().getAttribute("data-price");
  const asks = page.getByTestId("book-ask");
  // Asks are drawn best-last (nearest the spread), but listed best-first in the DOM.
  const ask = await asks.first().getAttribute("data-price");
  if (!bid || !ask) throw new Error("the order book has no bid or no ask");
  return { bid, ask };
}

export interface LimitOrder {
  side: "buy" | "sell";
  price: string;
  quantity: string;
}

export async function placeLimit(page: Page, order: LimitOrder): Promise<void> {
  await page.getByTestId(`side-${order.side}`).click();
  await page.getByTestId("type-limit").click();
  await page.getByTestId("input-price").fill(order.price);
  await page.getByTestId("input-quantity").fill(order.quantity);
  await page.getByTestId("submit-order").click();
}

/**
 * Collects every Content-Security-Policy violation the page reports, on this and later documents.
 * The listener is installed before any page script runs and reports through a binding, so neither
 * is itself subject to the page's policy.
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => void violations.push(`${page.url()}: ${text}`));
  await page.addInitScript(() => {
    const report = (window as Window & { reportCspViolation?: (text: string) => void }).reportCspViolation;
    document.addEventListener("securitypolicyviolation", (event) =>
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`),
    );
  });
  return violations;
}
