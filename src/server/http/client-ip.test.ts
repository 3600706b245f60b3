import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const headers = (init: Record<string, string>) => new Headers(init);

describe("[HTTP] client address for rate limits", () => {
  it("takes the entry the nearest trusted proxy appended, not what the client wrote", () => {
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.5" }), 1)).toBe("203.0.113.5");
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.2" }), 2)).toBe("203.0.113.5");
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.5" }), 3)).toBe("203.0.113.5");
  });

  it("falls back to X-Real-IP, then to one shared 'unknown' bucket", () => {
    expect(clientIp(headers({ "x-real-ip": "198.51.100.1" }), 1)).toBe("198.51.100.1");
    expect(clientIp(headers({ "x-forwarded-for": " , " }), 1)).toBe("unknown");
    expect(clientIp(headers({}), 1)).toBe("unknown");
  });
});
