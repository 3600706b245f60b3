import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "../../src/server/db/types";
import { auditLedger } from "../../src/server/db/queries/ledger-audit";
import type { BourseClient } from "./api-client";
import type { ChildServer } from "./child-process";
import type { Cleanup } from "./cleanup";
import type { AuditResult, PlaceResult } from "./control-protocol";
import { MakerBook } from "./maker-book";
import { MAKER_PRICE, QUANTITY } from "./order-shapes";
import type { Profile } from "./profile";
import type { Report } from "./report";

/** What every step of a run shares, and the small steps several of them take. */
export interface RunContext {
  profile: Profile;
  report: Report;
  cleanup: Cleanup;
  runId: string;
  adminDatabaseUrl: string | null;
  redisUrl: string | null;
  /** Filled in as the run learns it (database name, server versions). */
  meta: Record<string, unknown>;
  /** The processes this run started, by what they are. */
  pids: Record<string, number>;
}

export const PLACEMENT_MARKETS = 5;

export async function started(c: RunContext, what: string, starting: Promise<ChildServer>): Promise<ChildServer> {
  const child = await starting;
  c.cleanup.push(what, () => child.stop());
  c.pids[what] = child.pid;
  return child;
}

export async function tempDir(c: RunContext, what: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `bourse-bench-${what}-`));
  c.cleanup.push(`${what} folder`, () => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Makers placed through the server's control route, in-process there, one maker account per market. */
export function seededMakers(control: BourseClient, markets: readonly string[], makers: readonly string[]): MakerBook {
  return new MakerBook(markets.length, async (market, count) => {
    const result = await control.control<PlaceResult>("/place", {
      userId: makers[market] ?? "",
      market: markets[market] ?? "",
      side: "SELL",
      price: MAKER_PRICE,
      quantity: QUANTITY,
      count,
      concurrency: 8,
    });
    if (result.failed > 0) throw new Error(`seeding makers failed: ${result.firstError}`);
  });
}

/** The ledger audit of the server's database; the bench fails when any rule is broken. */
export async function audit(control: BourseClient, when: string): Promise<void> {
  reportAudit((await control.control<AuditResult>("/audit", {})).failed, when);
}

/** The same audit of a database this process writes itself (the in-process cases on PGlite). */
export async function auditDatabase(db: Db, when: string): Promise<void> {
  const checks = await auditLedger(db);
  reportAudit(
    checks.filter((check) => !check.ok),
    when,
  );
}

function reportAudit(failed: AuditResult["failed"], when: string): void {
  if (failed.length > 0) {
    const names = failed.map((f) => `${f.name} (${f.breaches})`).join("; ");
    throw new Error(`ledger audit failed ${when}: ${names}\n${JSON.stringify(failed[0]?.sample)}`);
  }
  console.log(`  ledger audit ${when}: clean`);
}
