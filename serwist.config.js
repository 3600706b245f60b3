// @ts-check
import fs from "node:fs";
import { generateGlobPatterns, serwist } from "@serwist/next/config";

/**
 * Serwist in configurator mode (STACK.md pitfall 8): the classic plugin cannot hook Turbopack, so
 * `serwist build` runs after `next build` and bundles src/sw/sw.ts into public/sw.js with the
 * precache manifest of the finished build.
 *
 * Only the offline page is precached as HTML: every other page must come live from the server.
 * Pages render per request (CSP nonces), so there is no offline.html to hash: the worker fetches
 * /offline when it installs, and the cached answer keeps its own CSP header beside the HTML whose
 * nonce it names. The build id as revision fetches it again with each build's chunks.
 */
const buildId = fs.readFileSync(".next/BUILD_ID", "utf8").trim();

export default await serwist({
  swSrc: "src/sw/sw.ts",
  swDest: "public/sw.js",
  precachePrerendered: false,
  globPatterns: generateGlobPatterns(".next/"),
  additionalPrecacheEntries: [{ url: "/offline", revision: buildId }],
  globIgnores: ["public/icons/*.svg"],
  esbuildOptions: { define: { "process.env.NODE_ENV": JSON.stringify("production") } },
});
