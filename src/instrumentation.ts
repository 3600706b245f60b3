/** Runs once when a server instance starts: fail fast on a bad environment, warm the database. */
export async function register(): Promise<void> {
  // Must be this literal: Next.js removes the branch from the edge bundle only when it sees it.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startNodeInstance } = await import("./server/start-instance");
    await startNodeInstance();
  }
}
