/**
 * Accounts that belong to Bourse itself. EXTERNAL is the other side of every deposit and
 * withdrawal (so its ledger sum is minus everything deposited, and it has no balance rows);
 * FEES collects trading fees. Both are rows in users with role `system` and no password.
 */
export const EXTERNAL_ACCOUNT_ID = "00000000-0000-4000-8000-000000000001";
export const FEE_ACCOUNT_ID = "00000000-0000-4000-8000-000000000002";

export const SYSTEM_ACCOUNTS = [
  { id: EXTERNAL_ACCOUNT_ID, name: "External (deposits and withdrawals)" },
  { id: FEE_ACCOUNT_ID, name: "Trading fees" },
] as const;
