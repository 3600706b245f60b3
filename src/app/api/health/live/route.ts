export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Liveness: the process answers. No I/O, so an outage elsewhere never makes a restart loop. */
export function GET(): Response {
  return Response.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
}
