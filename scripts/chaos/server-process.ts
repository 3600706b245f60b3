import { type ChildProcess, spawn } from "node:child_process";
import readline from "node:readline";
import { sleep } from "./timing";

/**
 * One Bourse instance as production runs it (`node dist/serve.mjs`), on a fixed port so that a
 * restart comes back where clients expect it. Killed and restarted by the chaos suite through
 * its own ChildProcess handle, i.e. by the PID it started.
 */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const READY_TIMEOUT_MS = 60_000;
const LOG_LINES_KEPT = 20_000;

export class ServerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<Exit> = Promise.resolve({ code: null, signal: null });
  /** What the instance printed since the last takeLog(), bounded. */
  private log: string[] = [];

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get isRunning(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the instance and resolves once it answers liveness; returns how long that took. */
  async start(): Promise<number> {
    const started = performance.now();
    const child = spawn(process.execPath, ["dist/serve.mjs", "--hostname", "127.0.0.1", "--port", String(this.port)], {
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) readline.createInterface({ input: stream }).on("line", (line) => this.keep(line));
    }
    await this.waitUntilLive(child);
    return performance.now() - started;
  }

  /** Sends the signal and waits for the exit (SIGTERM: as long as the instance drains, bounded). */
  async stop(signal: NodeJS.Signals, timeoutMs = 20_000): Promise<Exit> {
    const child = this.child;
    if (!child || !this.isRunning) return this.exited;
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  takeLog(): string[] {
    const lines = this.log;
    this.log = [];
    return lines;
  }

  private keep(line: string): void {
    if (this.log.length < LOG_LINES_KEPT) this.log.push(line);
  }

  private async waitUntilLive(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} exited before it was ready:\n${this.log.slice(-20).join("\n")}`);
      }
      const live = await fetch(`${this.url}/api/health/live`).then(
        (r) => r.ok,
        () => false,
      );
      if (live) return;
      await sleep(50);
    }
    throw new Error(`${this.name} was not live within ${READY_TIMEOUT_MS} ms`);
  }
}
