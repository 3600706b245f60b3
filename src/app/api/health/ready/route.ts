import { readinessResponse } from "@/server/http/health";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** 200 while this instance can serve (the cache may be degraded); 503 when the database is unreachable. */
export const GET = readinessResponse;
