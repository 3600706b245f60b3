import { sql } from "drizzle-orm";
import { selectRows } from "../src/server/db/queries/sql-values";
import type { DbOrTx } from "../src/server/db/types";
import { auditLedger } from "../src/server/db/queries/ledger-audit";

/**
 * Everything a refused call must leave untouched, in one row: accounts and sessions, keys,
 * assets and markets (with status), orders (count, open quantity, fills), money and the ledger,
 * news sources and items.
 */
export async function stateFingerprint(db: DbOrTx): Promise<Record<string, unknown>> {
  const [row] = await selectRows(
    db,
    sql`select
      (select count(*) from users)::text as users,
      (select coalesce(sum(token_version), 0) from users)::text as token_versions,
      (select count(*) from api_keys where revoked_at is null)::text as live_keys,
      (select count(*) from assets)::text as assets,
      (select coalesce(string_agg(symbol || ':' || status, ',' order by symbol), '') from markets) as markets,
      (select count(*) from orders)::text as orders,
      (select coalesce(string_agg(id || ':' || status || ':' || coalesce(quantity, 0) || ':' || filled_quantity, ',' order by id), '')
         from orders) as order_states,
      (select coalesce(string_agg(user_id || asset || ':' || available || ':' || held, ',' order by user_id, asset), '')
         from balances) as balances,
      (select count(*) from ledger_entries)::text as ledger_entries,
      (select count(*) from trades)::text as trades,
      (select count(*) from news_sources)::text as news_sources,
      (select count(*) from news_items)::text as news_items`,
  );
  if (!row) throw new Error("fingerprint query returned nothing");
  return row;
}

export async function failedAuditChecks(db: DbOrTx) {
  return (await auditLedger(db)).filter((check) => !check.ok);
}
