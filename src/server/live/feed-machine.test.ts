import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type FeedEffect,
  type FeedInput,
  type FeedState,
  INITIAL_FEED_EFFECTS,
  INITIAL_FEED_STATE,
  isFollowing,
  stepFeed,
} from "./feed-machine";
import type { LoggedEvent } from "./topic-log";

const row = (seq: number): LoggedEvent => ({ seq: BigInt(seq), type: "trade", payload: {} });
const state = (phase: FeedState["phase"], head = 5n, isRereadWanted = false): FeedState => ({ phase, head, isRereadWanted });
const kinds = (effects: readonly FeedEffect[]) => effects.map((effect) => effect.kind);

describe("feed machine: each transition", () => {
  it("a new feed reads the topic's head first, and is not yet following", () => {
    expect(INITIAL_FEED_STATE.phase).toBe("starting");
    expect(kinds(INITIAL_FEED_EFFECTS)).toEqual(["readHead"]);
    expect(isFollowing(INITIAL_FEED_STATE)).toBe(false);
  });

  it("starting: the head read starts the buffer there and reads once after it", () => {
    const step = stepFeed(state("starting", 0n), { kind: "headRead", seq: 42n });
    expect(step.state).toEqual(state("reading", 42n));
    expect(step.effects).toEqual([
      { kind: "startAt", seq: 42n },
      { kind: "readPage", afterSeq: 42n },
    ]);
  });

  it("starting: signals and polls change nothing, the read after the head covers them", () => {
    for (const input of [{ kind: "signal", seq: 99n }, { kind: "poll" }] as const) {
      expect(stepFeed(state("starting", 0n), input)).toEqual({ state: state("starting", 0n), effects: [] });
    }
  });

  it("starting: a failed head read stalls the feed and fails its waiting streams; a poll or signal retries", () => {
    const blip = new Error("database blip");
    const stalled = stepFeed(state("starting", 0n), { kind: "headFailed", error: blip });
    expect(stalled).toEqual({ state: state("stalled", 0n), effects: [{ kind: "failStart", error: blip }] });
    for (const input of [{ kind: "poll" }, { kind: "signal", seq: 3n }] as const) {
      expect(stepFeed(stalled.state, input)).toEqual({ state: state("starting", 0n), effects: [{ kind: "readHead" }] });
    }
    expect(stepFeed(stalled.state, { kind: "pageRead", rows: [row(1)], isFull: false }).effects).toEqual([]);
  });

  it("following: a signal past head or a poll reads after head; an old signal does nothing", () => {
    expect(stepFeed(state("following"), { kind: "signal", seq: 6n })).toEqual({
      state: state("reading"),
      effects: [{ kind: "readPage", afterSeq: 5n }],
    });
    expect(stepFeed(state("following"), { kind: "poll" }).effects).toEqual([{ kind: "readPage", afterSeq: 5n }]);
    expect(stepFeed(state("following"), { kind: "signal", seq: 5n })).toEqual({ state: state("following"), effects: [] });
  });

  it("reading: news during a read asks for one more read, never a second read in flight", () => {
    const asked = stepFeed(state("reading"), { kind: "signal", seq: 9n });
    expect(asked).toEqual({ state: state("reading", 5n, true), effects: [] });
    expect(stepFeed(asked.state, { kind: "poll" })).toEqual({ state: state("reading", 5n, true), effects: [] });
  });

  it("reading: a short page keeps its rows and follows; a full one reads on from the new head", () => {
    expect(stepFeed(state("reading"), { kind: "pageRead", rows: [row(6), row(8)], isFull: false })).toEqual({
      state: state("following", 8n),
      effects: [{ kind: "keepRows", rows: [row(6), row(8)] }],
    });
    expect(stepFeed(state("reading"), { kind: "pageRead", rows: [row(6), row(7)], isFull: true })).toEqual({
      state: state("reading", 7n),
      effects: [
        { kind: "keepRows", rows: [row(6), row(7)] },
        { kind: "readPage", afterSeq: 7n },
      ],
    });
  });

  it("reading: an empty page wakes nobody; a wanted re-read happens even after a short page", () => {
    expect(stepFeed(state("reading"), { kind: "pageRead", rows: [], isFull: false })).toEqual({
      state: state("following"),
      effects: [],
    });
    expect(stepFeed(state("reading", 5n, true), { kind: "pageRead", rows: [], isFull: false })).toEqual({
      state: state("reading"),
      effects: [{ kind: "readPage", afterSeq: 5n }],
    });
  });

  it("reading: rows at or below head from a misbehaving log are not kept twice", () => {
    const step = stepFeed(state("reading"), { kind: "pageRead", rows: [row(4), row(5), row(6)], isFull: false });
    expect(step.effects).toEqual([{ kind: "keepRows", rows: [row(6)] }]);
    expect(step.state.head).toBe(6n);
  });

  it("reading: a failed read goes back to following; the next poll tries again", () => {
    const failed = stepFeed(state("reading", 5n, true), { kind: "readFailed" });
    expect(failed).toEqual({ state: state("following"), effects: [] });
    expect(stepFeed(failed.state, { kind: "poll" }).effects).toEqual([{ kind: "readPage", afterSeq: 5n }]);
  });

  it("close from any state wakes every stream once; closed is final", () => {
    for (const phase of ["starting", "stalled", "following", "reading"] as const) {
      expect(stepFeed(state(phase), { kind: "close" })).toEqual({ state: state("closed"), effects: [{ kind: "wakeAll" }] });
    }
    const inputs: FeedInput[] = [
      { kind: "close" },
      { kind: "poll" },
      { kind: "signal", seq: 50n },
      { kind: "headRead", seq: 1n },
      { kind: "pageRead", rows: [row(9)], isFull: true },
      { kind: "readFailed" },
    ];
    for (const input of inputs) expect(stepFeed(state("closed"), input)).toEqual({ state: state("closed"), effects: [] });
  });
});

/**
 * A model of the feed's world: a log that grows, reads that complete in any order relative to
 * commits, signals and polls. Whatever the interleaving, the machine never has two reads in
 * flight, keeps every committed row exactly once and in order, and settles at the log's head.
 */
describe("feed machine: any interleaving", () => {
  type Action = "commit" | "signal" | "poll" | "complete" | "fail";
  const PAGE = 3;

  it("one read at a time, every row kept once in order, caught up once quiet", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Action>("commit", "signal", "poll", "complete", "fail"), { maxLength: 80 }),
        (actions) => {
          const log: LoggedEvent[] = [];
          const kept: bigint[] = [];
          let current = INITIAL_FEED_STATE;
          let inFlight: { kind: "head" } | { kind: "page"; afterSeq: bigint } | null = null;
          const run = (effects: readonly FeedEffect[]) => {
            for (const effect of effects) {
              if (effect.kind === "readHead" || effect.kind === "readPage") {
                expect(inFlight).toBeNull();
                inFlight = effect.kind === "readHead" ? { kind: "head" } : { kind: "page", afterSeq: effect.afterSeq };
              }
              if (effect.kind === "keepRows") kept.push(...effect.rows.map((r) => r.seq));
            }
          };
          const send = (input: FeedInput) => {
            const step = stepFeed(current, input);
            current = step.state;
            run(step.effects);
          };
          const complete = (fails: boolean) => {
            const read = inFlight;
            if (!read) return;
            inFlight = null;
            if (read.kind === "head") {
              send(
                fails
                  ? { kind: "headFailed", error: new Error("read failed") }
                  : { kind: "headRead", seq: log.at(-1)?.seq ?? 0n },
              );
              if (!fails) kept.push(...log.map((r) => r.seq));
              return;
            }
            if (fails) return send({ kind: "readFailed" });
            const rows = log.filter((r) => r.seq > read.afterSeq).slice(0, PAGE);
            send({ kind: "pageRead", rows, isFull: rows.length === PAGE });
          };
          run(INITIAL_FEED_EFFECTS);
          for (const action of actions) {
            if (action === "commit") log.push(row(log.length + 1));
            else if (action === "signal") send({ kind: "signal", seq: log.at(-1)?.seq ?? 0n });
            else if (action === "poll") send({ kind: "poll" });
            else complete(action === "fail");
          }
          // Quiet: the poll timer fires, reads complete, until nothing is in flight.
          send({ kind: "poll" });
          for (let i = 0; i < 200 && (inFlight || current.phase !== "following"); i++) {
            if (inFlight) complete(false);
            else send({ kind: "poll" });
          }
          expect(current.phase).toBe("following");
          expect(current.head).toBe(log.at(-1)?.seq ?? 0n);
          // The head read counts the rows before it as seen; together with the rows kept after it,
          // that is every committed seq exactly once and in order.
          expect(kept).toEqual(log.map((r) => r.seq));
        },
      ),
      { numRuns: 500 },
    );
  });
});
