import { assertJournalBalanced, type JournalEntry } from "@/domain/ledger";
import { sql } from "drizzle-orm";
import type { JournalKind } from "../schema";
import type { DbOrTx } from "../types";
import { numeric } from "./sql-values";

export interface JournalDraft {
  kind: JournalKind;
  reference: string | null;
  entries: JournalEntry[];
}

/**
 * Writes journals and their entries in one statement, whatever their number: journal ids are
 * drawn first (a CTE referenced twice is evaluated once), so entries can name them directly.
 */
export async function postJournals(tx: DbOrTx, drafts: readonly JournalDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  for (const draft of drafts) assertJournalBalanced(draft.entries);
  // Zero movements (a zero fee) say nothing and the table refuses them.
  const entries = drafts.flatMap((draft, ord) => draft.entries.filter((e) => e.amount !== 0n).map((e) => ({ ord, ...e })));
  const journalRows = drafts.map((d, ord) => sql`(${ord}::int, ${d.kind}::text, ${d.reference}::text)`);
  const entryRows = entries.map((e) => sql`(${e.ord}::int, ${e.userId}::uuid, ${e.asset}::text, ${numeric(e.amount)})`);
  const insertEntries =
    entries.length === 0
      ? sql`select count(*) from j`
      : sql`insert into ledger_entries (journal_id, user_id, asset, amount)
            select v.id, e.user_id, e.asset, e.amount
            from v join (values ${sql.join(entryRows, sql`, `)}) as e (ord, user_id, asset, amount) on e.ord = v.ord`;
  await tx.execute(sql`
    with v as (
      select nextval(pg_get_serial_sequence('journals', 'id')) as id, ord, kind, reference
      from (values ${sql.join(journalRows, sql`, `)}) as d (ord, kind, reference)),
    j as (insert into journals (id, kind, reference) select id, kind, reference from v returning id)
    ${insertEntries}`);
}
