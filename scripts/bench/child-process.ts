import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

/**
 * A server the bench starts as its own process (TypeScript through tsx), ready when it prints
 * {"ready": url} on stdout. Stopped through its own ChildProcess handle, i.e. by its PID: the
 * bench only ever ends processes it started.
 */
export interface ChildServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export const benchFile = (name: string) => path.join(import.meta.dirname, name);

export async function startChildServer(script: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await waitForReady(child, script);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${script} has no pid`);
  return { url, pid, stop: () => stopChild(child) };
}

function waitForReady(child: ChildProcess, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = child.stdout ? readline.createInterface({ input: child.stdout }) : null;
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(new Error(`${path.basename(script)} was not ready within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited (code ${code}) before it was ready`));
    };
    child.once("exit", onExit);
    lines?.on("line", (line) => {
      const ready = readyUrl(line);
      if (ready === null) {
        // Anything else the child prints is passed on, so its warnings are not lost.
        console.log(`[${path.basename(script)}] ${line}`);
        return;
      }
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve(ready);
    });
  });
}

function readyUrl(line: string): string | null {
  if (!line.startsWith("{")) return null;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === "object" && parsed !== null && "ready" in parsed && typeof parsed.ready === "string")
      return parsed.ready;
  } catch {
    // Not our line.
  }
  return null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
