/**
 * A fresh clientOrderId: 128 random bits as hex. getRandomValues works on plain http too, unlike
 * crypto.randomUUID, which a self-hosted instance on a LAN address would not have.
 */
export function newClientOrderId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
