/**
 * Digests and random tokens without Node's crypto module, so the code that authenticates a
 * request runs on any web-standard runtime (an edge route) as well as on Node. SHA-256 is
 * @noble/hashes (audited, pure JS) rather than Web Crypto's: Web Crypto's digest is async and
 * costs ~50 µs a call on Node (a thread-pool round trip), against 4–13 µs here, on every request
 * that resolves a key or a cookie (`npx tsx scripts/measure-auth.ts`).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

const encoder = new TextEncoder();

export function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function randomBase64Url(byteCount: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(encoder.encode(text)));
}

export function sha256Base64Url(text: string): string {
  return base64Url(sha256(encoder.encode(text)));
}
