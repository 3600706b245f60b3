import { type BrowserContext, expect, type Page, test as base } from "@playwright/test";

export const DEMO_PASSWORD = "bourse-demo-password";

/** Console noise that is the browser's, not the app's. */
const IGNORED = [/Download the React DevTools/i];

/**
 * Collects console errors and uncaught exceptions of every page a test opens (in any context it
 * makes through `newUser`), and fails the test if there were any: "no console errors" is a
 * requirement, not a hope.
 */
function watchConsole(page: Page, errors: string[]): void {
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (!IGNORED.some((pattern) => pattern.test(text))) errors.push(`console.error on ${page.url()}: ${text}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught on ${page.url()}: ${error.message}`));
}

interface Fixtures {
  consoleErrors: string[];
  /** A fresh browser context (its own cookies), watched for console errors. */
  newUser: (options?: {
    viewport?: { width: number; height: number };
    isMobile?: boolean;
    colorScheme?: "dark" | "light";
  }) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    watchConsole(page, errors);
    await use(errors);
    expect(errors, "the app logged errors to the console").toEqual([]);
  },
  newUser: async ({ browser, consoleErrors }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1440, height: 900 },
        isMobile: options.isMobile ?? false,
        hasTouch: options.isMobile ?? false,
        colorScheme: options.colorScheme ?? "dark",
      });
      contexts.push(context);
      const page = await context.newPage();
      watchConsole(page, consoleErrors);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
