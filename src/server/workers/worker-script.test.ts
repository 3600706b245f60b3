import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { findWorkerScript } from "./worker-script";

const root = path.resolve("/srv/bourse");
const at = (...parts: string[]) => path.join(root, ...parts);
const url = (...parts: string[]) => pathToFileURL(at(...parts)).href;
const TSX = at("node_modules", "tsx", "package.json");
const TSCONFIG = at("tsconfig.json");
const BUILT = at("dist", "backtest-worker.mjs");
const SOURCE = at("src", "server", "workers", "backtest-worker.ts");

function search(files: string[], moduleUrl: string, isProduction = false) {
  const present = new Set(files);
  return findWorkerScript({ moduleUrl, cwd: root, isProduction, exists: (file) => present.has(file) });
}

describe("[BACKTEST] finding the worker's file", () => {
  it("node dist/serve.mjs: the bundle beside the bundle", () => {
    expect(search([BUILT, SOURCE, TSX], url("dist", "serve.mjs"))).toEqual({ kind: "bundle", file: BUILT });
  });

  it("vitest and tsx: the source beside this module, with the project's tsconfig for tsx", () => {
    expect(search([BUILT, SOURCE, TSX, TSCONFIG], url("src", "server", "workers", "index.ts"))).toEqual({
      kind: "source",
      file: SOURCE,
      tsconfig: TSCONFIG,
    });
  });

  it("Next's chunks: from the working directory, the source in development, the build in production", () => {
    const chunk = url(".next", "server", "chunks", "ssr", "abc123.js");
    expect(search([BUILT, SOURCE, TSX], chunk)).toMatchObject({ kind: "source", file: SOURCE });
    expect(search([BUILT, SOURCE, TSX], chunk, true)).toEqual({ kind: "bundle", file: BUILT });
    expect(search([SOURCE, TSX], chunk, true)).toMatchObject({ kind: "source", file: SOURCE });
    expect(search([BUILT], chunk)).toEqual({ kind: "bundle", file: BUILT });
  });

  it("a source without tsx installed is no worker; with nothing usable, none (the caller computes in-thread)", () => {
    expect(search([SOURCE], url(".next", "x.js"))).toBeNull();
    expect(search([], "data:text/javascript,")).toBeNull();
  });
});
