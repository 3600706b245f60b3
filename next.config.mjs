import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import { securityHeaders } from "./security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A bundled PGlite cannot find its WASM and data files at run time; pino and pg want real requires.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pg", "ioredis", "@node-rs/argon2"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

/** @type {(phase: string) => import('next').NextConfig} */
export default (phase) => ({
  ...nextConfig,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
  },
});
