import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The rooms of src/, top to bottom, as ARCHITECTURE.md draws them. A room may import (at run
 * time) from its own layer or below, never above: that is what keeps auth below the use cases,
 * the domain free of I/O, and the browser's code off the server's. Type-only imports are not
 * held to it: they vanish from the build (the SDK's types come from the router it calls).
 */
const LAYERS: readonly (readonly string[])[] = [
  ["app", "proxy", "instrumentation", "instrumentation-client", "sw"],
  ["server/serve", "server/start-instance", "cli"],
  // In-process demo bots, started by the instance; they call the API like a client would.
  ["bots"],
  ["components"],
  ["sdk", "trpc"],
  ["order-maths"],
  ["server/http"],
  // The admin upload's import, run in a worker thread of its own (it calls a use case).
  ["server/uploads"],
  ["server/runtime"],
  ["server/api"],
  ["server/services"],
  ["server/live"],
  ["server/auth", "server/limits"],
  ["server/bus", "server/cache", "server/db", "server/files", "server/outbound", "server/workers"],
  ["server/logger", "server/log-errors", "server/process-slot", "env"],
  ["domain"],
];

const SRC = path.resolve(import.meta.dirname);
const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    const isSource = /\.(ts|tsx)$/.test(entry.name) && !/\.(test|int\.test|contract)\.ts$/.test(entry.name);
    return isSource && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** "server/api" for src/server/api/…, "domain" for src/domain/…, "proxy" for src/proxy.ts. */
function roomOf(file: string): string {
  const [first = "", second = ""] = path.relative(SRC, file).split(path.sep);
  const top = first.replace(/\.tsx?$/, "");
  return top === "server" ? `server/${second.replace(/\.tsx?$/, "")}` : top;
}

function importedFiles(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(VALUE_IMPORT), ...text.matchAll(DYNAMIC_IMPORT)].map((m) => m[1] ?? m[2] ?? "");
  return specs.flatMap((spec) => {
    if (spec.startsWith("@/")) return [path.join(SRC, spec.slice(2))];
    if (spec.startsWith(".")) return [path.resolve(path.dirname(file), spec)];
    return [];
  });
}

const layerOf = (room: string) => LAYERS.findIndex((layer) => layer.includes(room));

/**
 * Rooms that must run on any web-standard runtime (an edge runtime, a browser): Node-only
 * modules reach them only through the adapters' interfaces (db, cache, bus).
 */
const WEB_STANDARD_ROOMS = ["domain", "order-maths", "components", "server/api", "server/services", "server/live", "server/auth"];
const NODE_ONLY = /^(node:|pg$|ioredis$|fs$|path$|crypto$|os$|child_process$|net$|http$|@node-rs\/)/;
/** Files of those rooms that are Node-only on purpose, each with its reason. */
const NODE_BY_DESIGN: Readonly<Record<string, string>> = {
  "server/auth/password.ts": "argon2 is a native addon: sign-in and sign-up stay on the Node runtime (docs/scaling.md)",
};

function nodeOnlyImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(VALUE_IMPORT), ...text.matchAll(DYNAMIC_IMPORT)].map((m) => m[1] ?? m[2] ?? "");
  return specs.filter((spec) => NODE_ONLY.test(spec));
}

describe("rooms", () => {
  const edges = sourceFiles(SRC).flatMap((file) =>
    importedFiles(file)
      .filter((target) => target.startsWith(SRC + path.sep))
      .map((target) => ({ file: path.relative(SRC, file), from: roomOf(file), to: roomOf(target) }))
      .filter((edge) => edge.from !== edge.to),
  );

  it("every room is on the map", () => {
    const unknown = [...new Set(edges.flatMap((e) => [e.from, e.to]).filter((room) => layerOf(room) < 0))];
    expect(unknown).toEqual([]);
  });

  it("no room imports one above it", () => {
    const upward = edges.filter((e) => layerOf(e.to) < layerOf(e.from)).map((e) => `${e.file}: ${e.from} → ${e.to}`);
    expect(upward).toEqual([]);
  });

  it("rooms of one layer do not import each other both ways", () => {
    const pairs = new Set(edges.map((e) => `${e.from} ${e.to}`));
    const cycles = edges.filter((e) => pairs.has(`${e.to} ${e.from}`)).map((e) => `${e.file}: ${e.from} ↔ ${e.to}`);
    expect(cycles).toEqual([]);
  });

  it("web-standard rooms import no Node-only module", () => {
    const offending = sourceFiles(SRC)
      .filter((file) => WEB_STANDARD_ROOMS.includes(roomOf(file)) && !(path.relative(SRC, file) in NODE_BY_DESIGN))
      .flatMap((file) => nodeOnlyImports(file).map((spec) => `${path.relative(SRC, file)}: ${spec}`));
    expect(offending).toEqual([]);
  });
});
