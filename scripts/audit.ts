/**
 * npm run audit — checks the books of whatever database DATABASE_URL names (the embedded one
 * when unset) and exits non-zero on any breach.
 */
import { getDatabase } from "../src/server/db";
import { auditLedger } from "../src/server/db/queries/ledger-audit";

const database = await getDatabase();
const checks = await auditLedger(database.db);
for (const check of checks) {
  console.log(`${check.ok ? "ok  " : "FAIL"}  ${check.name}${check.ok ? "" : ` (${check.breaches} breaches)`}`);
  for (const row of check.sample) console.log(`        ${JSON.stringify(row)}`);
}
const failed = checks.filter((c) => !c.ok).length;
console.log(
  failed === 0 ? `audit clean: ${checks.length} checks passed` : `audit FAILED: ${failed} of ${checks.length} checks breached`,
);
await database.close();
process.exit(failed === 0 ? 0 : 1);
