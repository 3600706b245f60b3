import { readinessResponse } from "@/server/http/health";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Readiness, kept at its old address for existing probes (same as /api/health/ready). */
export const GET = readinessResponse;
