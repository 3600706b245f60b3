import { eq } from "drizzle-orm";
import { assets } from "../schema";
import type { DbOrTx } from "../types";

export interface AssetRow {
  symbol: string;
  name: string;
  scale: number;
}

/** Every asset, by symbol. */
export function listAssets(db: DbOrTx): Promise<AssetRow[]> {
  return db.select({ symbol: assets.symbol, name: assets.name, scale: assets.scale }).from(assets).orderBy(assets.symbol);
}

/** An asset's scale (decimal places), or null when there is no such asset. */
export async function findAssetScale(db: DbOrTx, symbol: string): Promise<number | null> {
  const [row] = await db.select({ scale: assets.scale }).from(assets).where(eq(assets.symbol, symbol));
  return row?.scale ?? null;
}
