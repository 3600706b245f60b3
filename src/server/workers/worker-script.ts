/**
 * Finding the backtest worker's file in every way the server runs, and starting a thread on it.
 * - `node dist/serve.mjs`: this module is inside the bundle, and esbuild's second entry put
 *   `backtest-worker.mjs` beside it.
 * - vitest, tsx (CLI, scripts): this module is its own source file, and `backtest-worker.ts` is
 *   beside it; the thread loads it through tsx's loader, registered in the thread itself.
 * - Next's route handlers (`next dev`, `next start`): this module is a chunk inside `.next`, with
 *   nothing beside it, so the worker is found from the working directory (the project root, as
 *   Next requires): the built `dist/backtest-worker.mjs` first in production (built by the same
 *   `npm run build`), the source first otherwise, so `next dev` never runs a stale build.
 * A source file is usable only where tsx is installed (it is a dev dependency).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ResourceLimits, Worker } from "node:worker_threads";

export type WorkerScript = { kind: "bundle"; file: string } | { kind: "source"; file: string; tsconfig: string | null };

export interface ScriptSearch {
  /** import.meta.url of the module asking; anything but a file: URL is skipped. */
  moduleUrl: string;
  cwd: string;
  isProduction: boolean;
  exists?: (file: string) => boolean;
  /** Which entry; the backtest worker unless said. */
  worker?: WorkerName;
}

/** The worker entries and their sources, from the project root; build:server bundles each to dist/<name>.mjs. */
const WORKER_SOURCES = {
  "backtest-worker": path.join("src", "server", "workers", "backtest-worker.ts"),
  "kline-import-worker": path.join("src", "server", "uploads", "kline-import-worker.ts"),
} as const;
export type WorkerName = keyof typeof WORKER_SOURCES;
const bundleName = (worker: WorkerName) => `${worker}.mjs`;
const sourceName = (worker: WorkerName) => path.basename(WORKER_SOURCES[worker]);
const built = (worker: WorkerName) => path.join("dist", bundleName(worker));
const source = (worker: WorkerName) => WORKER_SOURCES[worker];
/** How far up from the source file a node_modules with tsx, or a tsconfig.json, is looked for. */
const MAX_LEVELS_UP = 8;

function directoryOf(moduleUrl: string): string | null {
  if (!moduleUrl.startsWith("file:")) return null;
  return path.dirname(fileURLToPath(moduleUrl));
}

function findUp(from: string, relative: string, exists: (file: string) => boolean): string | null {
  let dir = from;
  for (let level = 0; level < MAX_LEVELS_UP; level++) {
    const candidate = path.join(dir, relative);
    if (exists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

function asSource(file: string, exists: (file: string) => boolean): WorkerScript | null {
  if (!exists(file) || findUp(path.dirname(file), path.join("node_modules", "tsx", "package.json"), exists) === null) return null;
  return { kind: "source", file, tsconfig: findUp(path.dirname(file), "tsconfig.json", exists) };
}

/** The worker to start, or null when none is usable here (the caller then computes in-thread). */
export function findWorkerScript(search: ScriptSearch): WorkerScript | null {
  const exists = search.exists ?? existsSync;
  const worker = search.worker ?? "backtest-worker";
  const beside = directoryOf(search.moduleUrl);
  if (beside !== null) {
    const bundle = path.join(beside, bundleName(worker));
    if (exists(bundle)) return { kind: "bundle", file: bundle };
    const besideSource = asSource(path.join(beside, sourceName(worker)), exists);
    if (besideSource) return besideSource;
  }
  const fromBuild = (): WorkerScript | null => {
    const file = path.join(search.cwd, built(worker));
    return exists(file) ? { kind: "bundle", file } : null;
  };
  const fromSource = () => asSource(path.join(search.cwd, source(worker)), exists);
  return search.isProduction ? (fromBuild() ?? fromSource()) : (fromSource() ?? fromBuild());
}

/**
 * The thread's first lines when it runs the TypeScript source: register tsx's loader in this
 * thread (a loader registered in the parent does not reach a worker on Node 20), then import
 * the worker. tsx is resolved from the worker's own file, through its ESM entry.
 */
export function sourceBootstrap(file: string, tsconfig: string | null): string {
  return `const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const file = ${JSON.stringify(file)};
const require_ = createRequire(file);
const manifest = require_.resolve("tsx/package.json");
const api = join(dirname(manifest), require_(manifest).exports["./esm/api"].import.default);
import(pathToFileURL(api).href)
  .then((tsx) => tsx.register(${tsconfig === null ? "" : `{ tsconfig: ${JSON.stringify(tsconfig)} }`}))
  .then(() => import(pathToFileURL(file).href));`;
}

/** A new thread on the script; nothing of the parent's Node flags (an inspector, a loader) is passed on. */
export function startWorker(script: WorkerScript, resourceLimits: ResourceLimits): Worker {
  const options = { execArgv: [], resourceLimits };
  return script.kind === "bundle"
    ? new Worker(script.file, options)
    : new Worker(sourceBootstrap(script.file, script.tsconfig), { ...options, eval: true });
}
