import { BourseClient } from "./api-client";
import { createAgent, type HttpTarget } from "./http-client";
import type { Profile } from "./profile";
import { type Comparison, type Report, type Row, summaryFigures } from "./report";
import { runClosedLoop } from "./stats";

export interface HttpCase {
  id: string;
  group: string;
  name: string;
  clients: number;
  vs?: Comparison[];
  /** Overrides the profile's count bound (a taker case may run only as many takers as there are makers). */
  maxOps?: number;
  warmupOps?: number;
  op: (api: BourseClient, index: number, client: number) => Promise<void>;
}

/** A closed-loop case over its own keep-alive agent: one socket per client, closed afterwards. */
export async function runHttpCase(report: Report, target: HttpTarget, profile: Profile, spec: HttpCase): Promise<Row> {
  const agent = createAgent(spec.clients);
  const api = new BourseClient(target.withAgent(agent));
  try {
    const summary = await runClosedLoop({
      clients: spec.clients,
      warmup: { maxOps: spec.warmupOps ?? profile.warmupMaxOps, maxMs: profile.warmupMaxMs },
      measure: { maxOps: spec.maxOps ?? profile.caseMaxOps, maxMs: profile.caseMaxMs },
      op: (index, client) => spec.op(api, index, client),
    });
    return report.add({
      id: spec.id,
      group: spec.group,
      name: spec.name,
      clients: spec.clients,
      ...summaryFigures(summary),
      vs: spec.vs ?? [],
    });
  } finally {
    agent.destroy();
  }
}
