import type { BalanceRow } from "../../db/queries/balances";
import type { BalanceDelta } from "@/domain/settlement";

const keyOf = (userId: string, asset: string) => `${userId}\u0000${asset}`;

/**
 * The balances a batch decides on, kept in memory between reading them and writing the batch's
 * net change as relative deltas in one statement. Each command sees exactly the balances the
 * commands before it left, as it would have one transaction per command. The write refuses any
 * delta that would take a balance below zero (another market's batch spent it meanwhile), and
 * the batch then runs again from a fresh read; the CHECK constraints back that too.
 */
export class WorkingBalances {
  private readonly locked = new Map<string, { available: bigint; held: bigint }>();
  private readonly deltas = new Map<string, BalanceDelta>();

  /** The rows read; a key that was asked for but has no row starts at zero. */
  constructor(keys: readonly { userId: string; asset: string }[], rows: readonly BalanceRow[]) {
    for (const k of keys) this.locked.set(keyOf(k.userId, k.asset), { available: 0n, held: 0n });
    for (const r of rows) this.locked.set(keyOf(r.userId, r.asset), { available: r.available, held: r.held });
  }

  /** Available now, after every delta so far; only for balances the batch read. */
  available(userId: string, asset: string): bigint {
    const key = keyOf(userId, asset);
    const base = this.locked.get(key);
    if (!base) throw new Error(`balance ${userId}/${asset} was not read by this batch`);
    return base.available + (this.deltas.get(key)?.available ?? 0n);
  }

  canHold(userId: string, asset: string, amount: bigint): boolean {
    return this.available(userId, asset) >= amount;
  }

  add(delta: BalanceDelta): void {
    if (delta.available === 0n && delta.held === 0n) return;
    const key = keyOf(delta.userId, delta.asset);
    const current = this.deltas.get(key) ?? { userId: delta.userId, asset: delta.asset, available: 0n, held: 0n };
    current.available += delta.available;
    current.held += delta.held;
    this.deltas.set(key, current);
  }

  hold(userId: string, asset: string, amount: bigint): void {
    this.add({ userId, asset, available: -amount, held: amount });
  }

  /** The batch's net change per balance, zero nets dropped. */
  netDeltas(): BalanceDelta[] {
    return [...this.deltas.values()].filter((d) => d.available !== 0n || d.held !== 0n);
  }
}
