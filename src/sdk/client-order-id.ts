/**
 * A fresh clientOrderId: 128 random bits as hex, within the server's pattern [A-Za-z0-9._:-]{1,64}.
 * getRandomValues exists in Node 20 and every browser, on plain http too.
 */
export function newClientOrderId(prefix = "sdk"): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
