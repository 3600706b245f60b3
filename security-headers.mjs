/**
 * The security headers of every response, pages and API alike, defined once. Plain JS so that
 * next.config.ts can import it; src/proxy.ts, src/app/layout.tsx and src/server/serve.ts use it too.
 *
 * Two shapes of one Content-Security-Policy:
 * - pages get a fresh nonce per request from src/proxy.ts, so script-src allows only the scripts
 *   the server rendered with that nonce (and what they load, 'strict-dynamic'): no 'unsafe-inline';
 * - everything else (API JSON, /_next/static, icons, sw.js, the manifest) gets the same policy with
 *   no nonce and no inline script at all, from next.config.ts headers() and serve.ts.
 */

/** Request header through which the proxy hands the nonce to rendering (the name Next's docs use). */
export const NONCE_HEADER = "x-nonce";

/** 16 random bytes in base64: what the proxy makes, and all the policy accepts (no header injection). */
const NONCE_PATTERN = /^[A-Za-z0-9+/]{22}==$/;

/**
 * @param {{ isDev: boolean, nonce?: string }} options
 * @returns {string}
 */
export function contentSecurityPolicy({ isDev, nonce }) {
  if (nonce !== undefined && !NONCE_PATTERN.test(nonce)) throw new Error("a CSP nonce must be 16 bytes of base64");
  const scriptSources = [
    "'self'",
    // 'strict-dynamic' lets the nonced scripts load Next's chunks; browsers that know it ignore 'self'.
    ...(nonce ? [`'nonce-${nonce}'`, "'strict-dynamic'"] : []),
    // `next dev` needs eval (React's dev tooling rebuilds server stacks with it); production never gets it.
    ...(isDev ? ["'unsafe-eval'"] : []),
  ];
  return [
    "default-src 'self'",
    `script-src ${scriptSources.join(" ")}`,
    // Styles keep 'unsafe-inline': React renders style attributes (depth bars, Radix popovers, the
    // chart) and sonner and next-themes insert <style> at run time; nonces cannot cover attributes,
    // and a nonce here would make browsers ignore 'unsafe-inline'. Styles cannot run code.
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

/**
 * Headers for every response. The CSP here is the nonce-less one; on pages src/proxy.ts replaces it
 * (Next applies the proxy's response headers after next.config's, so only the proxy's is sent).
 * @param {boolean} isDev
 */
export const securityHeaders = (isDev) => [
  { key: "Content-Security-Policy", value: contentSecurityPolicy({ isDev }) },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Ignored by browsers over plain http, so harmless for a local `next start`.
  ...(isDev ? [] : [{ key: "Strict-Transport-Security", value: "max-age=31536000" }]),
];
