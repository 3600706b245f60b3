import { execFileSync } from "node:child_process";
import os from "node:os";

/** What a figure was measured on: printed first, and kept in the JSON. */
export interface Machine {
  cpus: string;
  memoryGiB: number;
  platform: string;
  node: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: `${cpus.length} × ${cpus[0]?.model ?? "unknown"}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** `uptime`'s line (load averages over 1, 5 and 15 minutes): a busy machine shows here first. */
export function uptime(): string {
  try {
    return execFileSync("uptime", { encoding: "utf8" }).trim();
  } catch {
    return `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`;
  }
}
