import { inArray } from "drizzle-orm";
import { orders } from "../../src/server/db/schema";
import type { Db } from "../../src/server/db/types";
import { parseDecimal } from "../../src/domain/decimal";
import { auditLedger } from "../../src/server/db/queries/ledger-audit";
import type { OrderLoad } from "./order-load";
import { RETRYABLE } from "./order-api";

/**
 * What the database holds, checked against what clients were told. An acknowledged order is
 * lost if it is missing, changed identity, or went back (less filled, or open again after the
 * answer said it was done); an acknowledged cancel is lost if the order is not canceled. An
 * order is duplicated if the database holds one the clients did not ask for, or a retry was
 * answered with a different order than the one stored for its clientOrderId.
 */
export interface OrderVerdict {
  sent: number;
  acked: number;
  lost: number;
  duplicated: number;
  /** Requests still without a decision after every retry. */
  unresolved: number;
  /** How the requests ended, e.g. "acked 700, refused 12 (first answers: … not-delivered 40)". */
  outcomes: string;
  problems: string[];
}

const DONE = new Set(["FILLED", "CANCELED", "EXPIRED", "REJECTED"]);
const PROBLEMS_KEPT = 10;

export async function verifyOrders(db: Db, load: OrderLoad, baseScale: number): Promise<OrderVerdict> {
  const userIds = [...new Set(load.places.map((p) => p.trader.userId))];
  const rows = userIds.length === 0 ? [] : await db.select().from(orders).where(inArray(orders.userId, userIds));
  const byId = new Map(rows.map((row) => [row.id.toString(), row]));
  const byClientId = new Map(rows.map((row) => [`${row.userId} ${row.clientOrderId}`, row]));
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < PROBLEMS_KEPT) problems.push(problem);
  };
  let lost = 0;
  let duplicated = 0;

  const asked = new Set(load.places.map((p) => `${p.trader.userId} ${p.body.clientOrderId}`));
  for (const row of rows) {
    if (asked.has(`${row.userId} ${row.clientOrderId}`)) continue;
    duplicated++;
    note(`order ${row.id} (${row.clientOrderId}) was never asked for`);
  }

  for (const place of load.places) {
    if (!place.ack) continue;
    const stored = byClientId.get(`${place.trader.userId} ${place.body.clientOrderId}`);
    const row = byId.get(place.ack.id);
    if (stored && stored.id.toString() !== place.ack.id) {
      duplicated++;
      note(`${place.body.clientOrderId} answered as order ${place.ack.id}, stored as ${stored.id}`);
      continue;
    }
    const wentBack =
      row &&
      (row.filledQuantity < parseDecimal(place.ack.filledQuantity, baseScale) ||
        (DONE.has(place.ack.status) && row.status !== place.ack.status));
    if (!row || wentBack) {
      lost++;
      note(
        `acknowledged ${place.ack.status} order ${place.ack.id} is ${row ? `${row.status}, filled ${row.filledQuantity}` : "missing"}`,
      );
    }
  }

  for (const cancel of load.cancels) {
    if (cancel.outcome !== "acked") continue;
    const row = byId.get(cancel.orderId);
    if (row?.status === "CANCELED") continue;
    lost++;
    note(`acknowledged cancel of order ${cancel.orderId}, which is ${row?.status ?? "missing"}`);
  }

  const unresolved = [...load.places, ...load.cancels].filter((r) => RETRYABLE.has(r.outcome) || r.outcome === "server-error");
  for (const record of unresolved.slice(0, 3))
    note(
      `undecided: ${"body" in record ? record.body.clientOrderId : `cancel ${record.orderId}`}: ${record.outcome} ${record.serverError ?? ""}`,
    );
  return {
    sent: load.places.length + load.cancels.length,
    acked: load.places.filter((p) => p.ack).length + load.cancels.filter((c) => c.outcome === "acked").length,
    lost,
    duplicated,
    unresolved: unresolved.length,
    outcomes: describeOutcomes(load),
    problems,
  };
}

/** The ledger audit (npm run audit): the names of the checks that found breaches. */
export async function failedAuditChecks(db: Db): Promise<string[]> {
  const checks = await auditLedger(db);
  return checks.filter((c) => !c.ok).map((c) => `${c.name} (${c.breaches})`);
}

function describeOutcomes(load: OrderLoad): string {
  const records = [...load.places, ...load.cancels];
  const count = (outcomes: (string | undefined)[]) => {
    const counts = new Map<string, number>();
    for (const outcome of outcomes) counts.set(outcome ?? "none", (counts.get(outcome ?? "none") ?? 0) + 1);
    return [...counts].map(([outcome, n]) => `${outcome} ${n}`).join(", ");
  };
  return `${count(records.map((r) => r.outcome))} (first answers: ${count(records.map((r) => r.firstOutcome))})`;
}
