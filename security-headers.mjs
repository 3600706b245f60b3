/**
 * The security headers of every response, pages (next.config.mjs) and API (src/server/serve.ts)
 * alike, defined once.
 */

/**
 * Content-Security-Policy for a Next.js app without nonces: Next inlines its bootstrap scripts
 * and styles, hence 'unsafe-inline' for both (nonces would make every page dynamic). What the
 * policy still buys: no third-party script, style, font or connection; no plugins; no <base>
 * hijack; forms post only here; no framing (frame-ancestors, the modern X-Frame-Options).
 * `next dev` also needs eval (React's dev tooling and HMR); production never gets it.
 * @param {boolean} isDev
 */
function contentSecurityPolicy(isDev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** @param {boolean} isDev */
export const securityHeaders = (isDev) => [
  { key: "Content-Security-Policy", value: contentSecurityPolicy(isDev) },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Ignored by browsers over plain http, so harmless for a local `next start`.
  ...(isDev ? [] : [{ key: "Strict-Transport-Security", value: "max-age=31536000" }]),
];
