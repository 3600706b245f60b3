import { type SQL, sql } from "drizzle-orm";
import { customType } from "drizzle-orm/pg-core";

/**
 * Money and quantities: integers of minor units. numeric(38,0) rather than int8 because an
 * asset with 18 decimals overflows int8 at 9.2 whole units. Read and written as bigint only.
 */
export const amount = customType<{ data: bigint; driverData: string }>({
  dataType: () => "numeric(38, 0)",
  toDriver: (value) => value.toString(),
  fromDriver: (value) => BigInt(value),
});

/** Ids from identity columns travel as bigint in TypeScript and as strings on the wire. */
export const bigintId = customType<{ data: bigint; driverData: string }>({
  dataType: () => "bigint",
  toDriver: (value) => value.toString(),
  fromDriver: (value) => BigInt(value),
});

/** A list of allowed values for a CHECK constraint, from the one definition in the domain. */
export const sqlList = (values: readonly string[]): SQL => sql.raw(values.map((v) => `'${v}'`).join(", "));
