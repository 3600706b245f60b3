import { afterEach, describe, expect, it, vi } from "vitest";
import { createUpstashCache } from "./upstash-cache";

const URL = "https://fake.upstash.io";

/** Just enough of Upstash's REST protocol for GET, SET PX, DEL and PING, over a Map. */
function fakeUpstash() {
  const store = new Map<string, string>();
  const commands: unknown[][] = [];
  const toBase64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const reply = (result: unknown) => new Response(JSON.stringify({ result }), { status: 200 });

  async function fetchFake(_url: string | URL | Request, init?: RequestInit): Promise<Response> {
    const command = JSON.parse(String(init?.body)) as string[];
    commands.push(command);
    const [name, ...args] = command;
    switch (name?.toLowerCase()) {
      case "get": {
        const value = store.get(args[0] ?? "");
        return reply(value === undefined ? null : toBase64(value));
      }
      case "set":
        store.set(args[0] ?? "", args[1] ?? "");
        return reply("OK");
      case "del":
        return reply(args.filter((key) => store.delete(key)).length);
      case "ping":
        return reply(toBase64("PONG"));
      default:
        return new Response(JSON.stringify({ error: `unknown command ${name}` }), { status: 400 });
    }
  }
  return { store, commands, fetchFake };
}

describe("upstash cache (fake REST endpoint)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sets with PX under the bourse: prefix, gets, deletes and pings", async () => {
    const upstash = fakeUpstash();
    vi.stubGlobal("fetch", upstash.fetchFake);
    const cache = createUpstashCache(URL, "token");
    await cache.set("ticker", '{"last":"1.5"}', 1_500);
    expect(upstash.commands[0]).toEqual(["set", "bourse:ticker", '{"last":"1.5"}', "px", 1_500]);
    expect(await cache.get("ticker")).toBe('{"last":"1.5"}');
    await cache.del(["ticker"]);
    expect(await cache.get("ticker")).toBeNull();
    expect(await cache.ping()).toBe(true);
  });

  it("settles within its timeout when the endpoint never answers", async () => {
    vi.stubGlobal(
      "fetch",
      (_url: string, init?: RequestInit) =>
        new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
    );
    const cache = createUpstashCache(URL, "token", { timeoutMs: 80 });
    const startedMs = performance.now();
    await expect(cache.get("k")).rejects.toThrow();
    expect(await cache.ping()).toBe(false);
    expect(performance.now() - startedMs).toBeLessThan(400);
  });
});
