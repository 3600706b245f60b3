import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../tests/throwaway-redis";

const run = promisify(execFile);

/**
 * A Postgres cluster of the chaos run's own: initdb into a temporary folder, listening on
 * 127.0.0.1 and a free port, its socket in that folder. The chaos suite may stop it abruptly
 * (`pg_ctl -m immediate`, a crash as far as Postgres can tell) and start it again; the machine's
 * shared Postgres is never touched. Postgres refuses to run as root, so as root the cluster
 * belongs to the `postgres` system user.
 */
export interface PrivatePostgres {
  readonly url: string;
  /** Immediate shutdown: no checkpoint, open transactions die with their connections. */
  crash(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function binDir(): string {
  const configured = process.env.CHAOS_PG_BINDIR;
  if (configured) return configured;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("no Postgres server binaries found: install postgresql or set CHAOS_PG_BINDIR");
  return path.join(root, newest, "bin");
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a Postgres binary as the user that owns the cluster. */
function asOwner(binary: string, args: string[]): Promise<{ stdout: string }> {
  const file = path.join(binDir(), binary);
  return isRoot() ? run("runuser", ["-u", "postgres", "--", file, ...args]) : run(file, args);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "bourse-chaos-pg-"));
  if (isRoot()) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dataDir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  await asOwner("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dataDir} -c max_connections=200`;
  const pgCtl = (...args: string[]) => asOwner("pg_ctl", ["-D", dataDir, ...args]);

  const start = async () => {
    await pgCtl("-o", options, "-l", path.join(dataDir, "server.log"), "-w", "-t", "60", "start");
  };
  await start();
  await run(path.join(binDir(), "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "bourse"]);

  return {
    url: `postgres://postgres@127.0.0.1:${port}/bourse`,
    start,
    async crash() {
      await pgCtl("-m", "immediate", "-w", "stop");
    },
    async destroy() {
      await pgCtl("-m", "fast", "-w", "stop").catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
