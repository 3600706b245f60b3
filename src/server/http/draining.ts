/**
 * Set once the instance begins a graceful shutdown (SIGTERM): live streams end so that their
 * clients resume on another instance with Last-Event-ID, instead of holding the process open
 * until it is killed. One per process, so that every bundle of the server (dist/serve.mjs,
 * Next's route bundles) sees the same signal.
 */
import { processSlot } from "../process-slot";

const draining = processSlot<AbortController>("Draining");

const controller = () => draining.ensure(() => new AbortController());

export const drainingSignal = (): AbortSignal => controller().signal;

export function startDraining(): void {
  controller().abort();
}
