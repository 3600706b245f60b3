import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "./fixtures";
import { placeLimit, signIn, waitUntilLive } from "./helpers";

const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const DOCS = path.join(process.cwd(), "docs", "screenshots");
// The README's pictures are refreshed only on request, so a test run never edits tracked files.
const shouldUpdateDocs = process.env.UPDATE_DOCS_SCREENSHOTS === "1";

for (const device of ["desktop", "phone"] as const) {
  for (const theme of ["dark", "light"] as const) {
    test(`[UI] trading page screenshot, ${device}, ${theme}`, async ({ newUser }, testInfo) => {
      const page = await newUser({ viewport: SIZES[device], isMobile: device === "phone", colorScheme: theme });
      await signIn(page, "alice@bourse.local", "/trade/ACME-USD");
      await waitUntilLive(page);
      if (device === "desktop") {
        await expect(page.getByTestId("order-book")).toBeVisible();
        // A resting order far above the market, so the open-orders panel shows what it is for.
        if ((await page.getByTestId("open-order").count()) === 0) {
          await placeLimit(page, { side: "sell", price: "140.00", quantity: "3" });
          await expect(page.getByTestId("open-order")).toHaveCount(1);
          await page
            .getByRole("button", { name: "Close toast" })
            .first()
            .click()
            .catch(() => undefined);
        }
      } else {
        await expect(page.getByTestId("candle-chart")).toBeVisible();
      }
      // Let the chart draw and fonts settle, and keep the pointer off the chart's crosshair.
      await page.mouse.move(0, 0);
      await page.waitForTimeout(1_500);
      const file = testInfo.outputPath(`trade-${device}-${theme}.png`);
      await page.screenshot({ path: file });
      await testInfo.attach(`trade-${device}-${theme}`, { path: file, contentType: "image/png" });
      if (shouldUpdateDocs) {
        await mkdir(DOCS, { recursive: true });
        await copyFile(file, path.join(DOCS, `trade-${device}-${theme}.png`));
      }
    });
  }
}
