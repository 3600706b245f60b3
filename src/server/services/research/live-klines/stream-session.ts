/**
 * One connection to one kline stream, from connect to close. Its decisions, in order:
 * 1. The first kline the connection shows marks where the stream takes over: the gap since the
 *    last stored candle is filled over REST first (gap-fill.ts), and the stream's closed candles
 *    wait meanwhile (bounded), so a fill that fails leaves the stored history where it was and
 *    the next connection plans the same gap again. Only then is the stream trusted.
 * 2. Closed candles are written one after another, in the stream's order (history-events.ts);
 *    once one write fails none after it runs (that would store candles past a hole that no
 *    later gap fill would see), and the connection is dropped so the next one fills from there.
 * 3. A closed candle that skips one (the stream lost some) also drops the connection, for the
 *    same reason.
 * 4. The forming candle is published at most once per formingEveryMs, always its latest state,
 *    and never once its close is known; publishing never queues behind itself.
 * 5. Nothing heard (message, ping or pong) for a third of deadAfterMs: a ping is sent; for all of
 *    deadAfterMs: the connection is dead and dropped.
 * 6. A message that is not a usable kline is counted, logged (at most every 10 s) and skipped.
 * The session resolves once the socket is closed and every write it started has settled, so a
 * stopped connector leaves no socket, timer or transaction behind.
 */
import { intervalMs } from "@/domain/candles";
import type { ImportedKline, KlineRules } from "@/domain/klines/parse-kline";
import { parseKlineMessage } from "@/domain/klines/stream-message";
import type { KlineStreamTarget } from "@/domain/klines/stream-names";
import type { FetchKlinePage } from "@/server/outbound/kline-rest";
import type { KlineSocket, OpenKlineSocket } from "@/server/outbound/kline-socket";
import { logger } from "../../../logger";
import type { ServiceContext } from "../../context";
import { fillGap } from "./gap-fill";
import { type HistoryTarget, publishFormingKline, storeClosedKline } from "./history-events";
import { type LiveKlineOptions, streamUrl } from "./options";
import { isoNow, type KlineStreamStatus } from "./stream-status";

export interface SessionSetup {
  ctx: ServiceContext;
  stream: KlineStreamTarget;
  target: HistoryTarget;
  rules: KlineRules;
  options: LiveKlineOptions;
  openSocket: OpenKlineSocket;
  fetchPage: FetchKlinePage;
  /** This stream's status, kept up to date by the session. */
  status: KlineStreamStatus;
  /** Aborted to end the session: the instance stops, or the lease was lost. */
  signal: AbortSignal;
}

export interface SessionEnd {
  /** How long the connection was open; null when it never opened. */
  connectedForMs: number | null;
  reason: string;
  /** A pause the server asked for (a 429 during the gap fill). */
  retryAfterMs: number | null;
}

/** Closed candles held while the gap fills: over a thousand intervals of fill means something is wrong. */
const MAX_HELD_CANDLES = 1_000;
/** Writes waiting their turn; more means the database cannot keep up with the stream. */
const MAX_PENDING_WRITES = 1_000;
/** After `close()`, how long the socket gets to report that it closed. */
const CLOSE_WAIT_MS = 5_000;
const ISSUE_LOG_EVERY_MS = 10_000;

export function runStreamSession(setup: SessionSetup): Promise<SessionEnd> {
  return new Promise((resolve) => new StreamSession(setup, resolve).begin());
}

type Phase = "connecting" | "awaiting" | "filling" | "live" | "ended";

class StreamSession {
  private phase: Phase = "connecting";
  private socket: KlineSocket | null = null;
  private openedAtMs: number | null = null;
  private lastHeardMs = Date.now();
  private hasPinged = false;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private held: ImportedKline[] = [];
  private filling: Promise<void> | null = null;
  private readonly fillAbort = new AbortController();
  private lastClosedSeenMs: number | null = null;
  private forming: ImportedKline | null = null;
  private isFormingQueued = false;
  private lastFormingAtMs = 0;
  private formingTimer: ReturnType<typeof setTimeout> | null = null;
  private writes: Promise<void> = Promise.resolve();
  private pendingWrites = 0;
  private hasWriteFailed = false;
  private lastIssueLogMs = 0;
  private socketClosed: Promise<void> = Promise.resolve();
  private end: SessionEnd | null = null;

  constructor(
    private readonly setup: SessionSetup,
    private readonly resolve: (end: SessionEnd) => void,
  ) {}

  begin(): void {
    const { signal, status } = this.setup;
    status.state = "connecting";
    status.connectedSince = null;
    if (signal.aborted) {
      this.stop(String(signal.reason ?? "stopped"));
      return;
    }
    signal.addEventListener("abort", this.onAbort, { once: true });
    const deadAfterMs = this.setup.options.deadAfterMs;
    this.watchdog = setInterval(() => this.checkAlive(), Math.max(50, Math.floor(deadAfterMs / 4)));
    let closed = () => {};
    this.socketClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    try {
      this.socket = this.setup.openSocket(streamUrl(this.setup.options, this.setup.stream.name), {
        onOpen: () => this.onOpen(),
        onMessage: (text) => this.onMessage(text),
        onHeartbeat: () => this.heard(),
        onClose: (reason) => {
          closed();
          this.stop(reason);
        },
      });
    } catch (error) {
      closed();
      this.stop(`cannot connect: ${messageOf(error)}`);
    }
  }

  private readonly onAbort = () => this.stop(String(this.setup.signal.reason ?? "stopped"));

  private onOpen(): void {
    if (this.phase !== "connecting") return;
    this.phase = "awaiting";
    this.openedAtMs = Date.now();
    this.setup.status.connectedSince = isoNow();
    this.heard();
  }

  private heard(): void {
    this.lastHeardMs = Date.now();
    this.hasPinged = false;
  }

  private checkAlive(): void {
    const { deadAfterMs } = this.setup.options;
    const quietMs = Date.now() - this.lastHeardMs;
    if (quietMs >= deadAfterMs) this.stop(`dead connection: nothing heard for ${deadAfterMs} ms`);
    else if (quietMs >= deadAfterMs / 3 && !this.hasPinged && this.openedAtMs !== null) {
      this.hasPinged = true;
      this.socket?.ping();
    }
  }

  private onMessage(text: string): void {
    if (this.phase === "ended") return;
    this.heard();
    const { stream, rules, status } = this.setup;
    status.lastMessageAt = isoNow();
    const message = parseKlineMessage(text, (name) => (name === stream.name ? rules : undefined));
    if (message.kind === "reply") return;
    if (message.kind === "issue") {
      status.badMessages += 1;
      status.lastIssue = { code: message.issue.code, message: message.issue.message, at: isoNow() };
      const nowMs = Date.now();
      if (nowMs - this.lastIssueLogMs >= ISSUE_LOG_EVERY_MS) {
        this.lastIssueLogMs = nowMs;
        logger.warn(
          { stream: stream.name, issue: message.issue, badMessages: status.badMessages },
          "kline stream: message skipped",
        );
      }
      return;
    }
    if (this.phase === "awaiting") this.startFill(message.kline.openTimeMs);
    if (message.isClosed) this.onClosed(message.kline);
    else this.onForming(message.kline);
  }

  private onClosed(kline: ImportedKline): void {
    const previous = this.lastClosedSeenMs;
    if (previous !== null && kline.openTimeMs <= previous) return; // a repeat
    const sizeMs = intervalMs(this.setup.stream.interval);
    if (previous !== null && kline.openTimeMs > previous + sizeMs) {
      this.stop(`the stream skipped ${(kline.openTimeMs - previous) / sizeMs - 1} closed candles`);
      return;
    }
    this.lastClosedSeenMs = kline.openTimeMs;
    if (this.forming && this.forming.openTimeMs <= kline.openTimeMs) this.forming = null;
    if (this.setup.status.formingOpenTime !== null && this.setup.status.formingOpenTime <= kline.openTimeMs) {
      this.setup.status.formingOpenTime = null;
    }
    if (this.phase === "live") {
      this.enqueueClosed(kline);
      return;
    }
    if (this.held.length >= MAX_HELD_CANDLES) {
      this.stop("the gap fill took too long");
      return;
    }
    this.held.push(kline);
  }

  private onForming(kline: ImportedKline): void {
    if (this.lastClosedSeenMs !== null && kline.openTimeMs <= this.lastClosedSeenMs) return; // its close is known
    this.forming = kline;
    this.setup.status.formingOpenTime = kline.openTimeMs;
    if (this.formingTimer) return;
    const waitMs = this.lastFormingAtMs + this.setup.options.formingEveryMs - Date.now();
    if (waitMs <= 0) {
      this.publishForming();
      return;
    }
    this.formingTimer = setTimeout(() => {
      this.formingTimer = null;
      this.publishForming();
    }, waitMs);
  }

  private startFill(firstSeenOpenMs: number): void {
    const { ctx, stream, target, rules, options, fetchPage, status } = this.setup;
    this.phase = "filling";
    status.state = "filling";
    const request = { stream, target, rules, firstSeenOpenMs, maxCandles: options.maxGapCandles, fetchPage };
    this.filling = fillGap(ctx, { ...request, signal: this.fillAbort.signal }).then(
      (report) => {
        status.lastGap = { ...report, at: isoNow() };
        if (report.missing > 0) logger.info({ stream: stream.name, ...report }, "kline stream: gap filled");
        if (this.phase !== "filling") return;
        this.phase = "live";
        status.state = "live";
        for (const kline of this.held) this.enqueueClosed(kline);
        this.held = [];
      },
      (error: unknown) => {
        const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
        this.stop(`gap fill failed: ${messageOf(error)}`, typeof retryAfterMs === "number" ? retryAfterMs : null);
      },
    );
  }

  private enqueueClosed(kline: ImportedKline): void {
    const { ctx, target, status } = this.setup;
    this.enqueue(async () => {
      if (this.hasWriteFailed) return;
      try {
        await storeClosedKline(ctx, target, kline);
        status.lastClosedOpenTime = kline.openTimeMs;
      } catch (error) {
        this.hasWriteFailed = true;
        this.stop(`storing a closed candle failed: ${messageOf(error)}`);
      }
    });
  }

  private publishForming(): void {
    if (this.isFormingQueued || !this.forming || this.phase === "ended") return;
    this.isFormingQueued = true;
    this.lastFormingAtMs = Date.now();
    const { ctx, target, stream } = this.setup;
    this.enqueue(async () => {
      this.isFormingQueued = false;
      // The latest state when its turn comes, not the one that asked.
      const kline = this.forming;
      if (!kline || this.phase === "ended") return;
      await publishFormingKline(ctx, target, kline).catch((error: unknown) =>
        logger.warn({ err: error, stream: stream.name }, "kline stream: forming candle not published"),
      );
    });
  }

  private enqueue(work: () => Promise<void>): void {
    if (this.pendingWrites >= MAX_PENDING_WRITES) {
      this.stop("the database falls behind the stream");
      return;
    }
    this.pendingWrites += 1;
    this.writes = this.writes
      .then(work)
      .catch((error: unknown) => logger.error({ err: error, stream: this.setup.stream.name }, "kline stream: write crashed"))
      .finally(() => {
        this.pendingWrites -= 1;
      });
  }

  /** Ends the session once (the first reason wins); resolves after everything it started has settled. */
  private stop(reason: string, retryAfterMs: number | null = null): void {
    if (this.end) return;
    const nowMs = Date.now();
    this.end = { connectedForMs: this.openedAtMs === null ? null : nowMs - this.openedAtMs, reason, retryAfterMs };
    this.phase = "ended";
    this.setup.signal.removeEventListener("abort", this.onAbort);
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.formingTimer) clearTimeout(this.formingTimer);
    this.watchdog = null;
    this.formingTimer = null;
    this.fillAbort.abort();
    this.socket?.close();
    const { status } = this.setup;
    status.connectedSince = null;
    status.formingOpenTime = null;
    status.lastError = reason;
    void this.settle();
  }

  private async settle(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const closeWait = new Promise<void>((done) => {
      timer = setTimeout(done, CLOSE_WAIT_MS);
    });
    await Promise.race([this.socketClosed, closeWait]);
    clearTimeout(timer);
    await this.filling?.catch(() => {});
    await this.writes;
    if (this.end) this.resolve(this.end);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
