import { assertJournalBalanced, type JournalEntry } from "../../domain/ledger";
import { type JournalKind, journals, ledgerEntries } from "../schema";
import type { DbOrTx } from "../types";

export interface JournalDraft {
  kind: JournalKind;
  reference: string | null;
  entries: JournalEntry[];
}

/** Writes journals and their entries in two statements, whatever their number. */
export async function postJournals(tx: DbOrTx, drafts: readonly JournalDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  for (const draft of drafts) assertJournalBalanced(draft.entries);
  const ids = await tx
    .insert(journals)
    .values(drafts.map((d) => ({ kind: d.kind, reference: d.reference })))
    .returning({ id: journals.id });
  const rows = drafts.flatMap((draft, i) => {
    const journalId = ids[i]?.id;
    if (journalId === undefined) throw new Error("journal insert returned too few ids");
    // Zero movements (a zero fee) say nothing and the table refuses them.
    return draft.entries.filter((e) => e.amount !== 0n).map((e) => ({ journalId, ...e }));
  });
  if (rows.length > 0) await tx.insert(ledgerEntries).values(rows);
}
