import { DomainError } from "@/domain/errors";
import type { AnyResult, OrderCommand } from "./commands";
import type { QueuedCommand } from "./run-batch";

export interface QueueLimits {
  /** Most commands one transaction executes. */
  maxBatch: number;
  /** Commands waiting at once; one more is refused. */
  maxQueue: number;
  /** A command not started within this is refused rather than executed late. */
  maxWaitMs: number;
}

interface Waiting extends QueuedCommand {
  enqueuedAtMs: number;
}

/**
 * One market's commands on this instance, executed by a single worker in arrival order. The
 * worker never waits to fill a batch: it takes whatever queued while the previous batch ran, so
 * an idle market answers a lone command at once and a busy one amortises its lock and round
 * trips over many. Bounded in length and in waiting time, so overload is refused, not queued.
 */
export class MarketQueue {
  private readonly waiting: Waiting[] = [];
  private running: Promise<void> | null = null;
  /** Batches run and commands they carried, since start: the mean batch size the bench reports. */
  readonly stats = { batches: 0, commands: 0 };

  constructor(
    private readonly limits: QueueLimits,
    private readonly runBatch: (items: QueuedCommand[]) => Promise<void>,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  get depth(): number {
    return this.waiting.length;
  }

  submit(command: OrderCommand): Promise<AnyResult> {
    if (this.waiting.length >= this.limits.maxQueue) return Promise.reject(new DomainError("OVERLOADED"));
    return new Promise<AnyResult>((resolve, reject) => {
      this.waiting.push({ command, resolve, reject, enqueuedAtMs: this.nowMs() });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const taken = this.waiting.splice(0, this.limits.maxBatch);
        const now = this.nowMs();
        const fresh = taken.filter((item) => {
          if (now - item.enqueuedAtMs <= this.limits.maxWaitMs) return true;
          item.reject(new DomainError("OVERLOADED"));
          return false;
        });
        // runBatch answers every command itself; nothing it throws may stop the worker.
        if (fresh.length === 0) continue;
        this.stats.batches += 1;
        this.stats.commands += fresh.length;
        await this.runBatch(fresh).catch((error: unknown) => {
          for (const item of fresh) item.reject(error);
        });
      }
    } finally {
      this.running = null;
    }
  }
}
