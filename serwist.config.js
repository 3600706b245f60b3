// @ts-check
import { generateGlobPatterns, serwist } from "@serwist/next/config";

/**
 * Serwist in configurator mode (STACK.md pitfall 8): the classic plugin cannot hook Turbopack, so
 * `serwist build` runs after `next build` and bundles src/sw/sw.ts into public/sw.js with the
 * precache manifest of the finished build.
 */
export default await serwist({
  swSrc: "src/sw/sw.ts",
  swDest: "public/sw.js",
  // Only the offline page is precached as HTML: every other page must come live from the server.
  precachePrerendered: false,
  globPatterns: [...generateGlobPatterns(".next/"), ".next/server/app/offline.html"],
  globIgnores: ["public/icons/*.svg"],
  esbuildOptions: { define: { "process.env.NODE_ENV": JSON.stringify("production") } },
});
