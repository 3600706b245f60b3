/**
 * What the run must undo however it ends — child servers, the bench database, temporary
 * folders — undone in reverse order, once, on success, failure, Ctrl-C or the run's time budget.
 */
export class Cleanup {
  private readonly steps: { what: string; undo: () => Promise<void> }[] = [];
  private running: Promise<void> | null = null;

  push(what: string, undo: () => Promise<void>): void {
    this.steps.push({ what, undo });
  }

  /** Undoes the latest step of that name now (e.g. a server stopped mid-run). */
  async runOne(what: string): Promise<void> {
    const index = this.steps.findLastIndex((s) => s.what === what);
    const [step] = index === -1 ? [] : this.steps.splice(index, 1);
    await step?.undo();
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        await step.undo().catch((error: unknown) => console.error(`cleanup: ${step?.what} failed:`, error));
      }
    })();
    return this.running;
  }
}
