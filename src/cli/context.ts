import type { Command } from "commander";
import { type BourseClient, createBourseClient } from "../sdk/client";
import { type CliEnv, type Connection, resolveConnection } from "./config";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Aborted on Ctrl-C: streams end and the CLI exits 0. */
  signal: AbortSignal;
  /** Only when stderr is a terminal: redraws one status line in place ("" clears it). */
  status?: (text: string) => void;
}

export interface CommandContext {
  io: CliIo;
  json: boolean;
  connection: Connection;
  client: BourseClient;
  /** Prints `value` as JSON with --json, else the human rendering. */
  print(value: unknown, human: () => string): void;
}

interface GlobalFlags {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

/** What every command needs, from the global flags (which win) and the environment. */
export function contextOf(command: Command, io: CliIo, env: CliEnv): CommandContext {
  const flags = command.optsWithGlobals<GlobalFlags>();
  const connection = resolveConnection(flags, env);
  const json = flags.json === true;
  return {
    io,
    json,
    connection,
    client: createBourseClient({ url: connection.url, apiKey: connection.apiKey }),
    print: (value, human) => io.out(json ? JSON.stringify(value, null, 2) : human()),
  };
}
