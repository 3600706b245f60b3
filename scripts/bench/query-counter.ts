import pg from "pg";

/**
 * Counts what order entry sends to Postgres, in-process, by wrapping pg's Client#query (every
 * pool query and every statement inside a transaction goes through it, once). Each call is one
 * round trip; statements are the SQL commands among them, transaction control (begin, commit,
 * savepoints) not included.
 */
export interface QueryCounts {
  roundTrips: number;
  statements: number;
}

export interface QueryCounter {
  reset(): void;
  read(): QueryCounts;
  uninstall(): void;
}

type QueryMethod = (this: pg.Client, ...args: unknown[]) => unknown;
const TRANSACTION_CONTROL = /^\s*(begin|start transaction|commit|end|rollback|savepoint|release)\b/i;

function textOf(config: unknown): string {
  if (typeof config === "string") return config;
  if (typeof config === "object" && config !== null && "text" in config && typeof config.text === "string") return config.text;
  return "";
}

/** A simple-protocol string may carry several commands; parameterised queries carry one. */
function commandsIn(text: string, hasValues: boolean): number {
  if (TRANSACTION_CONTROL.test(text)) return 0;
  if (hasValues) return 1;
  return Math.max(1, text.split(";").filter((part) => part.trim().length > 0).length);
}

export function installPgQueryCounter(): QueryCounter {
  const prototype = pg.Client.prototype as unknown as { query: QueryMethod };
  const original = prototype.query;
  const counts: QueryCounts = { roundTrips: 0, statements: 0 };
  prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
    const [config, values] = args;
    counts.roundTrips++;
    const hasValues = Array.isArray(values) || (typeof config === "object" && config !== null && "values" in config);
    counts.statements += commandsIn(textOf(config), hasValues);
    return original.apply(this, args);
  };
  return {
    reset() {
      counts.roundTrips = 0;
      counts.statements = 0;
    },
    read: () => ({ ...counts }),
    uninstall() {
      prototype.query = original;
    },
  };
}
