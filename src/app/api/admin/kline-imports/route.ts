import { handleKlineUpload } from "@/server/http/kline-upload";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
/** A year of 1m candles imports in well under this (BENCHMARKS.md); the platform's own limit, where it has one. */
export const maxDuration = 300;

export { handleKlineUpload as POST };
