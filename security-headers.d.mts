/** Types of security-headers.mjs (plain JS, so next.config.mjs can import it). */
export function securityHeaders(isDev: boolean): { key: string; value: string }[];
