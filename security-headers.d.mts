/** Types of security-headers.mjs (plain JS, so next.config.mjs can import it). */
export const NONCE_HEADER: "x-nonce";
export function contentSecurityPolicy(options: { isDev: boolean; nonce?: string }): string;
export function securityHeaders(isDev: boolean): { key: string; value: string }[];
