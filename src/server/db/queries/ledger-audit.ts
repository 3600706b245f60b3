import { CONSISTENT_READ } from "../transaction";
import { sql } from "drizzle-orm";
import { LIVE_STATES } from "@/domain/types";
import { selectRows } from "./sql-values";
import type { DbOrTx } from "../types";
import { EXTERNAL_ACCOUNT_ID } from "../system-accounts";

export interface AuditCheck {
  name: string;
  ok: boolean;
  /** How many rows breach the rule, and the first few of them. */
  breaches: number;
  sample: Record<string, unknown>[];
}

/** Orders that still hold funds: in the book, or conditional and waiting for (or just past) their trigger. */
const LIVE = sql.raw(LIVE_STATES.map((s) => `'${s}'`).join(", "));

/** Each rule is a query that returns its breaches; an empty result means the rule holds. */
const RULES: { name: string; query: ReturnType<typeof sql> }[] = [
  {
    name: "the ledger sums to zero per asset",
    query: sql`select asset, sum(amount)::text as sum from ledger_entries group by asset having sum(amount) <> 0`,
  },
  {
    name: "every journal sums to zero per asset",
    query: sql`select journal_id::text, asset, sum(amount)::text as sum from ledger_entries group by journal_id, asset having sum(amount) <> 0`,
  },
  {
    name: "every balance (available + held) equals the sum of its ledger entries",
    query: sql`
      select coalesce(b.user_id, l.user_id) as user_id, coalesce(b.asset, l.asset) as asset,
             coalesce(b.available + b.held, 0)::text as balance, coalesce(l.sum, 0)::text as ledger
      from balances b
      full outer join (select user_id, asset, sum(amount) as sum from ledger_entries
                       where user_id <> ${EXTERNAL_ACCOUNT_ID} group by user_id, asset) l
        on l.user_id = b.user_id and l.asset = b.asset
      where coalesce(b.available + b.held, 0) <> coalesce(l.sum, 0)`,
  },
  {
    name: "every held amount equals what the account's open and pending orders hold",
    query: sql`
      select coalesce(b.user_id, o.user_id) as user_id, coalesce(b.asset, o.asset) as asset,
             coalesce(b.held, 0)::text as held, coalesce(o.sum, 0)::text as orders_hold
      from balances b
      full outer join (
        select o.user_id, case when o.side = 'BUY' then m.quote_asset else m.base_asset end as asset, sum(o.held) as sum
        from orders o join markets m on m.symbol = o.market
        where o.status in (${LIVE}) group by 1, 2) o
        on o.user_id = b.user_id and o.asset = b.asset
      where coalesce(b.held, 0) <> coalesce(o.sum, 0)`,
  },
  {
    name: "no balance is negative",
    query: sql`select user_id, asset, available::text, held::text from balances where available < 0 or held < 0`,
  },
  {
    name: "closed orders hold nothing",
    query: sql`select id::text, status, held::text from orders where status not in (${LIVE}) and held <> 0`,
  },
  {
    name: "pending and fired orders are conditional and have traded nothing",
    query: sql`
      select id::text, type, status from orders
      where status in ('PENDING', 'TRIGGERED') and (type in ('LIMIT', 'MARKET') or filled_quantity <> 0)`,
  },
  {
    // Each trade wakes what it reaches (domain/trigger-state.ts), and the batch fires or moves it,
    // so after any commit no pending order is woken by the price its market last traded at.
    name: "no pending order is left reached by its market's last trade price",
    query: sql`
      select o.id::text, o.market, o.wake_below::text, o.wake_above::text, l.price::text as last_price
      from orders o
      join lateral (select t.price from trades t where t.market = o.market order by t.id desc limit 1) l on true
      where o.status = 'PENDING' and (o.wake_below >= l.price or o.wake_above <= l.price)`,
  },
  {
    name: "OCO legs name each other, share owner and market, and while both live neither has traded or fired",
    query: sql`
      select a.id::text, a.oco_order_id::text as other
      from orders a left join orders b on b.id = a.oco_order_id
      where a.oco_order_id is not null and (
        b.id is null or b.oco_order_id is distinct from a.id or b.user_id <> a.user_id or b.market <> a.market
        or (a.status in (${LIVE}) and b.status in (${LIVE})
            and (a.filled_quantity > 0 or b.filled_quantity > 0 or a.triggered_at is not null or b.triggered_at is not null)))`,
  },
  {
    name: "every trade has one buyer and one seller, matching its orders",
    query: sql`
      select t.id::text from trades t
      join orders mo on mo.id = t.maker_order_id join orders tk on tk.id = t.taker_order_id
      where mo.side = tk.side or tk.side <> t.taker_side or mo.user_id <> t.maker_user_id
         or tk.user_id <> t.taker_user_id or mo.market <> t.market or tk.market <> t.market
         or t.maker_user_id = t.taker_user_id`,
  },
  {
    name: "no order's filled quantity exceeds its quantity, and fills add up",
    query: sql`
      select o.id::text, o.filled_quantity::text, coalesce(f.qty, 0)::text as traded
      from orders o
      left join (select order_id, sum(quantity) as qty from (
        select maker_order_id as order_id, quantity from trades union all
        select taker_order_id, quantity from trades) x group by order_id) f on f.order_id = o.id
      where (o.quantity is not null and o.filled_quantity > o.quantity) or o.filled_quantity <> coalesce(f.qty, 0)`,
  },
  {
    name: "the minute rollups agree with the trades",
    query: sql`
      with expected as (
        select market, date_bin(interval '1 minute', created_at, timestamptz 'epoch') as bucket,
               (array_agg(price order by id))[1] as open, max(price) as high, min(price) as low,
               (array_agg(price order by id desc))[1] as close, sum(quantity) as base_volume,
               sum(quote_quantity) as quote_volume, count(*)::int as trade_count
        from trades group by 1, 2)
      select coalesce(e.market, m.market) as market, coalesce(e.bucket, m.bucket)::text as bucket
      from expected e full outer join market_minutes m on m.market = e.market and m.bucket = e.bucket
      where m.market is null or e.market is null or (e.open, e.high, e.low, e.close, e.base_volume, e.quote_volume, e.trade_count)
            is distinct from (m.open, m.high, m.low, m.close, m.base_volume, m.quote_volume, m.trade_count)`,
  },
  {
    name: "no book is crossed",
    query: sql`
      select market, max(price) filter (where side = 'BUY')::text as best_bid, min(price) filter (where side = 'SELL')::text as best_ask
      from orders where status in ('NEW', 'PARTIALLY_FILLED') group by market
      having max(price) filter (where side = 'BUY') >= min(price) filter (where side = 'SELL')`,
  },
];

const SAMPLE_SIZE = 5;

/** Reads everything in one repeatable-read snapshot, so concurrent trading cannot fake a breach. */
export async function auditLedger(db: DbOrTx): Promise<AuditCheck[]> {
  return db.transaction(async (tx) => {
    const checks: AuditCheck[] = [];
    for (const rule of RULES) {
      const rows = await selectRows(tx, rule.query);
      checks.push({ name: rule.name, ok: rows.length === 0, breaches: rows.length, sample: rows.slice(0, SAMPLE_SIZE) });
    }
    return checks;
  }, CONSISTENT_READ);
}
