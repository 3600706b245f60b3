import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import { securityHeaders } from "./security-headers.mjs";
import { getEnv } from "./src/env";

const nextConfig: NextConfig = {
  // A bundled PGlite cannot find its WASM and data files at run time; pino and pg want real requires;
  // sentiment loads its languages through a computed require.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pg", "ioredis", "@node-rs/argon2", "sentiment"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default function config(phase: string): NextConfig {
  // The one schema of src/env.ts: a typo in the environment fails `next build`, `next dev` and
  // `next start` here, before anything is served, not at the first request that reads it.
  getEnv();
  return {
    ...nextConfig,
    async headers() {
      return [{ source: "/:path*", headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
    },
  };
}
