import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { events } from "../../../src/server/db/schema";
import type { Db } from "../../../src/server/db/types";
import { freePort } from "../../../tests/throwaway-redis";
import { isRecord, parseJson } from "../chaos-http";
import { OrderLoad } from "../order-load";
import { check, type FaultResult } from "../result";
import { type Message, ResumingSubscriber } from "../resuming-sse";
import type { ServerProcess } from "../server-process";
import { settleAndVerify } from "../settle";
import { between, sleep, waitUntil } from "../timing";
import type { World } from "../world";

interface StreamCheck {
  name: string;
  subscriber: ResumingSubscriber;
  topic: string;
  types: string[];
}

/**
 * Two instances on one Postgres and Redis; SSE subscribers (public trades, a trader's private
 * orders and fills) follow a client-side balancer. Each round kills the subscribers' instance:
 * even rounds SIGKILL it and move everyone to the other one (an instance switch), odd rounds
 * restart it with SIGTERM while the subscribers wait for it to come back. Afterwards each stream
 * must hold exactly the events the database logged after its snapshot: no gap, no repeat, and
 * no second snapshot (the resume never fell back to starting over).
 */
export async function liveFault(world: World, random: () => number, rounds: number): Promise<FaultResult> {
  const instances = [world.instance("live-a", await freePort()), world.instance("live-b", await freePort())] as const;
  await Promise.all(instances.map((i) => i.start()));
  let streamsOn: ServerProcess = instances[0];
  let ordersGoTo: ServerProcess = instances[1];
  const market = world.markets[0]?.symbol ?? "";
  const watched = world.traders[0];
  if (!watched) throw new Error("the live fault needs a trader");
  const load = new OrderLoad({ traders: world.traders, markets: [market], random, target: () => ordersGoTo.url, thinkMs: 10 });
  const streams: StreamCheck[] = [
    {
      name: "market.onTrades",
      subscriber: new ResumingSubscriber(
        `/api/trpc/market.onTrades?input=${encodeURIComponent(JSON.stringify({ market }))}`,
        () => streamsOn.url,
      ),
      topic: `market:${market}`,
      types: ["trade"],
    },
    {
      name: "account.onOrders",
      subscriber: new ResumingSubscriber("/api/trpc/account.onOrders", () => streamsOn.url, {
        authorization: `Bearer ${watched.apiKey}`,
      }),
      topic: `user:${watched.userId}`,
      types: ["order", "fill"],
    },
  ];
  let settled: Awaited<ReturnType<typeof settleAndVerify>>;
  const results: {
    name: string;
    expected: number;
    received: number;
    missing: number;
    repeated: number;
    snapshots: number;
    connections: number;
  }[] = [];
  try {
    await waitUntil(() => streams.every((s) => s.subscriber.messages.length > 0), 15_000);
    load.start();
    for (let round = 0; round < rounds; round++) {
      await sleep(between(random, 800, 2_000));
      const victim = streamsOn;
      const other = victim === instances[0] ? instances[1] : instances[0];
      ordersGoTo = other;
      if (round % 2 === 0) {
        streamsOn = other;
        await victim.stop("SIGKILL");
        await victim.start();
      } else {
        await victim.stop("SIGTERM");
        await sleep(300);
        await victim.start();
      }
    }
    await sleep(1_000);
    settled = await settleAndVerify(world, load);
    for (const stream of streams) {
      const expected = await loggedSeqs(world.database.db, stream.topic, stream.types, snapshotSeq(stream.subscriber.messages));
      const last = expected[expected.length - 1];
      await waitUntil(() => last === undefined || stream.subscriber.messages.some((m) => m.id === last), 15_000);
      results.push({ name: stream.name, ...compare(stream.subscriber, expected) });
    }
  } finally {
    await Promise.all(streams.map((s) => s.subscriber.close()));
    await Promise.all(instances.map((i) => i.stop("SIGTERM")));
  }

  const { verdict, audit } = settled;
  const expected = results.reduce((sum, r) => sum + r.expected, 0);
  return {
    fault: `live streams across ${rounds} restarts and instance switches`,
    sent: expected,
    acked: results.reduce((sum, r) => sum + r.received, 0),
    lost: results.reduce((sum, r) => sum + r.missing, 0) + verdict.lost,
    duplicated: results.reduce((sum, r) => sum + r.repeated, 0) + verdict.duplicated,
    audit: audit.length === 0 ? "clean" : audit.join(", "),
    recoveryMs: null,
    checks: [
      ...results.map((r) =>
        check(
          `${r.name} resumed with no gap and no repeat`,
          r.missing === 0 && r.repeated === 0 && r.snapshots === 1 && r.expected > 0,
          `${r.received} of ${r.expected} events, ${r.missing} missing, ${r.repeated} repeated, ${r.snapshots} snapshot(s), ${r.connections} connections`,
        ),
      ),
      check("every order decided after retries", verdict.unresolved === 0, `${verdict.unresolved} without a decision`),
    ],
    notes: [verdict.outcomes, ...verdict.problems],
  };
}

const kindOf = (message: Message) => {
  const data = parseJson(message.data);
  return isRecord(data) && typeof data.kind === "string" ? data.kind : "";
};

function snapshotSeq(messages: readonly Message[]): bigint {
  const first = messages[0];
  return first && kindOf(first) === "snapshot" ? BigInt(first.id) : 0n;
}

async function loggedSeqs(db: Db, topic: string, types: string[], after: bigint): Promise<string[]> {
  const rows = await db
    .select({ seq: events.seq })
    .from(events)
    .where(and(eq(events.topic, topic), inArray(events.type, types), gt(events.seq, after)))
    .orderBy(asc(events.seq));
  return rows.map((r) => r.seq.toString());
}

function compare(subscriber: ResumingSubscriber, expected: readonly string[]) {
  const items = subscriber.messages.filter((m) => kindOf(m) !== "snapshot");
  const ids = items.map((m) => m.id);
  const unique = new Set(ids);
  return {
    expected: expected.length,
    received: unique.size,
    missing: expected.filter((seq) => !unique.has(seq)).length,
    repeated: ids.length - unique.size,
    snapshots: subscriber.messages.length - items.length,
    connections: subscriber.connections,
  };
}
