import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, NONCE_HEADER } from "../security-headers.mjs";

/**
 * Next.js Proxy (Next 16's name for middleware): gives every page request a fresh nonce and the
 * Content-Security-Policy that allows only scripts carrying it. Next reads the nonce from the
 * policy on the request and puts it on its own scripts; the root layout reads `x-nonce` for the
 * scripts the app renders itself. It does nothing else: authorization is never decided here
 * (SECURITY.md), because a proxy can be bypassed or skipped by a matcher.
 */

// Next inlines NODE_ENV when it builds the proxy, as in the root layout; `next dev` needs eval.
const isDev = process.env.NODE_ENV === "development";

const NONCE_BYTES = 16;

/** 128 random bits from Web Crypto (the proxy may run where node:crypto does not), in base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  return btoa(String.fromCharCode(...bytes));
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ isDev, nonce });
  // Set, never appended: whatever a client sent under these names is replaced.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only. The API, hashed build output, icons, the service worker and the manifest need
      // no nonce and keep next.config's nonce-less policy and their own caching.
      source: "/((?!api/|_next/static/|_next/image|icons/|sw\\.js|manifest\\.webmanifest|favicon\\.ico).*)",
      // Prefetches fetch RSC payloads, not documents: nothing in them runs under a page's policy.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
