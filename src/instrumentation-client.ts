import { config } from "zod/v4/core";

/**
 * Runs in the browser before any component module (Next's client instrumentation). zod compiles
 * fast object parsers with `new Function` when it can, and probes for that once; the CSP allows
 * no eval (security-headers.mjs), so the probe is refused and reported as a violation even though
 * zod then parses without it. Turning the compiler off first skips the probe. The server keeps it.
 */
config({ jitless: true });
