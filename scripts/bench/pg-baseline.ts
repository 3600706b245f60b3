import pg from "pg";
import type { Profile } from "./profile";
import { type Report, summaryFigures } from "./report";
import { runClosedLoop } from "./stats";

/**
 * The raw-Postgres baseline: the irreducible writes of any order entry — a conditional hold, the
 * order, one event — in one transaction per order, straight through a pg Pool with one connection
 * per client. Optionally first the market-row lock that serialises a market's order entry, over
 * five markets or one hot one. Writes into the real tables (same indexes, constraints and foreign
 * keys), on markets and users of its own, and holds exactly what its open orders hold, so the
 * ledger audit stays clean.
 */

export type LockMode = "none" | "five-markets" | "hot-market";
export const LOCK_MODES: readonly LockMode[] = ["none", "five-markets", "hot-market"];

export const lockModeName: Record<LockMode, string> = {
  none: "3 writes, no lock",
  "five-markets": "lock + 3 writes, 5 markets",
  "hot-market": "lock + 3 writes, 1 hot market",
};

export const rawRowId = (mode: LockMode, clients: number) => `raw-pg.${mode}.c${clients}`;

const LOCK_MARKET = "select symbol from markets where symbol = $1 for no key update";
const HOLD = `update balances set available = available - $3, held = held + $3, updated_at = now()
  where user_id = $1 and asset = $2 and available >= $3 returning available, held`;
const INSERT_ORDER = `insert into orders (user_id, market, client_order_id, side, type, time_in_force, self_trade_prevention, price, quantity, held, status)
  values ($1, $2, $3, 'BUY', 'LIMIT', 'GTC', 'EXPIRE_TAKER', 1, 100, $4, 'NEW') returning id`;
const INSERT_EVENT = "insert into events (topic, type, payload) values ($1, 'book', $2::jsonb) returning seq";
/** Price 1 tick × quantity 100 steps, fees included; any constant works as long as order and hold agree. */
const HOLD_AMOUNT = "1002";

export interface RawTarget {
  url: string;
  markets: string[];
  users: string[];
}

export async function runRawPostgres(report: Report, target: RawTarget, profile: Profile, runId: string): Promise<void> {
  for (const clients of profile.clientCounts) {
    const pool = new pg.Pool({ connectionString: target.url, max: clients, application_name: "bourse-bench-raw" });
    try {
      for (const mode of LOCK_MODES) {
        const markets = mode === "hot-market" ? target.markets.slice(0, 1) : target.markets;
        const summary = await runClosedLoop({
          clients,
          warmup: { maxOps: profile.warmupMaxOps, maxMs: profile.warmupMaxMs },
          measure: { maxOps: profile.caseMaxOps, maxMs: profile.caseMaxMs },
          op: async (index, client) => {
            const market = markets[index % markets.length] ?? "";
            const user = target.users[client % target.users.length] ?? "";
            await rawOrder(pool, mode !== "none", market, user, `raw-${runId}-${mode}-${clients}-${index}`);
          },
        });
        report.add({
          id: rawRowId(mode, clients),
          group: "raw Postgres",
          name: lockModeName[mode],
          clients,
          ...summaryFigures(summary),
          vs: mode === "none" ? [] : [{ against: rawRowId("none", clients), metric: "perSecond" }],
        });
      }
    } finally {
      await pool.end();
    }
  }
}

export async function rawOrder(
  pool: pg.Pool,
  isLocked: boolean,
  market: string,
  user: string,
  clientOrderId: string,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    if (isLocked) await client.query(LOCK_MARKET, [market]);
    const held = await client.query(HOLD, [user, "USD", HOLD_AMOUNT]);
    if (held.rowCount !== 1) throw new Error("raw baseline: hold refused (funds exhausted)");
    await client.query(INSERT_ORDER, [user, market, clientOrderId, HOLD_AMOUNT]);
    await client.query(INSERT_EVENT, [`market:${market}`, '{"bench":"raw"}']);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
