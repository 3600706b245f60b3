import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, NONCE_HEADER, securityHeaders } from "../security-headers.mjs";
import { createNonce, proxy } from "./proxy";

const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1);

describe("[CSP] the policy", () => {
  const nonce = createNonce();

  it("allows page scripts by nonce only, and what they load", () => {
    expect(directive(contentSecurityPolicy({ isDev: false, nonce }), "script-src")).toBe(
      `'self' 'nonce-${nonce}' 'strict-dynamic'`,
    );
  });

  it("without a nonce allows no inline script at all (API, static files)", () => {
    expect(directive(contentSecurityPolicy({ isDev: false }), "script-src")).toBe("'self'");
    const [csp] = securityHeaders(false);
    expect(csp).toEqual({ key: "Content-Security-Policy", value: contentSecurityPolicy({ isDev: false }) });
  });

  it("allows eval in `next dev` only", () => {
    expect(directive(contentSecurityPolicy({ isDev: true, nonce }), "script-src")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ isDev: false, nonce })).not.toContain("unsafe-eval");
  });

  it("keeps inline styles without a nonce, which would make browsers ignore 'unsafe-inline'", () => {
    expect(directive(contentSecurityPolicy({ isDev: false, nonce }), "style-src")).toBe("'self' 'unsafe-inline'");
  });

  it("keeps the site-wide limits in both shapes", () => {
    for (const policy of [contentSecurityPolicy({ isDev: false, nonce }), contentSecurityPolicy({ isDev: false })]) {
      expect(directive(policy, "frame-ancestors")).toBe("'none'");
      expect(directive(policy, "object-src")).toBe("'none'");
      expect(directive(policy, "base-uri")).toBe("'self'");
      expect(directive(policy, "form-action")).toBe("'self'");
    }
  });

  it("refuses a nonce that is not 16 bytes of base64, so nothing can be smuggled into the header", () => {
    for (const bad of ["", "short", `${nonce}'; script-src *`, `${"A".repeat(22)}==\n`]) {
      expect(() => contentSecurityPolicy({ isDev: false, nonce: bad })).toThrow(/nonce/);
    }
  });
});

describe("[CSP] the proxy", () => {
  it("makes 128-bit nonces, a new one every time", () => {
    const nonces = new Set(Array.from({ length: 1_000 }, createNonce));
    expect(nonces.size).toBe(1_000);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });

  it("sends the policy with this request's nonce and hands the same nonce to rendering", () => {
    const request = new NextRequest("http://127.0.0.1/trade/ACME-USD", {
      // A client cannot choose the nonce: whatever it sends is replaced.
      headers: { [NONCE_HEADER]: "chosen-by-the-client", "content-security-policy": "script-src *" },
    });
    const response = proxy(request);
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(policy).toBe(contentSecurityPolicy({ isDev: false, nonce }));
    // How NextResponse.next({ request }) passes rewritten request headers on to rendering.
    expect(response.headers.get(`x-middleware-request-${NONCE_HEADER}`)).toBe(nonce);
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
  });

  it("gives two requests different nonces", () => {
    const policyOf = () => proxy(new NextRequest("http://127.0.0.1/")).headers.get("content-security-policy");
    expect(policyOf()).not.toBe(policyOf());
  });
});
