import { describe, expect, it } from "vitest";
import { MAX_URL_CHARS } from "./facts";
import { ipLiteralHost, parseHttpUrl } from "./urls";

describe("[NEWS] URLs", () => {
  it("accepts absolute http(s) URLs, canonical and without the fragment", () => {
    expect(parseHttpUrl(" HTTPS://News.Example/a/../b?x=1#top ")?.href).toBe("https://news.example/b?x=1");
    expect(parseHttpUrl("http://news.example")?.href).toBe("http://news.example/");
  });

  it("refuses other schemes, credentials, relative and overlong addresses", () => {
    for (const bad of [
      "ftp://news.example/",
      "javascript:alert(1)",
      "file:///etc/passwd",
      "/relative",
      "",
      "https://user:pw@news.example/",
    ]) {
      expect(parseHttpUrl(bad), bad).toBeNull();
    }
    expect(parseHttpUrl(`https://news.example/${"a".repeat(MAX_URL_CHARS)}`)).toBeNull();
  });

  it("tells IP literals (in any spelling the URL parser accepts) from names", () => {
    const host = (raw: string) => {
      const url = parseHttpUrl(raw);
      return url ? ipLiteralHost(url) : "invalid";
    };
    expect(host("http://127.0.0.1:8080/")).toBe("127.0.0.1");
    expect(host("http://0x7f.1/")).toBe("127.0.0.1");
    expect(host("http://[::1]/")).toBe("::1");
    expect(host("http://news.example/")).toBeNull();
  });
});
