/**
 * Set once the instance begins a graceful shutdown (SIGTERM): live streams end so that their
 * clients resume on another instance with Last-Event-ID, instead of holding the process open
 * until it is killed. On globalThis so that every bundle of the server (dist/serve.mjs, Next's
 * route bundles) sees the same signal.
 */
const holder = globalThis as unknown as { bourseDraining?: AbortController };

function controller(): AbortController {
  holder.bourseDraining ??= new AbortController();
  return holder.bourseDraining;
}

export const drainingSignal = (): AbortSignal => controller().signal;

export function startDraining(): void {
  controller().abort();
}
