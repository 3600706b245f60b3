import { randomBase64Url, sha256Hex } from "./web-digest";

/** Recognisable in logs, configs and secret scanners, like GitHub's ghp_. */
export const API_KEY_PREFIX = "bourse_";
/** 256 random bits, base64url: 43 characters after the prefix. */
const API_KEY_RANDOM_BYTES = 32;
const API_KEY_PATTERN = /^bourse_[A-Za-z0-9_-]{43}$/;
/** Shown in lists so a user can tell keys apart; reveals 30 of the 256 bits. */
const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 5;

export interface NewApiKey {
  /** The key itself: given to the user once, never stored. */
  secret: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(): NewApiKey {
  const secret = `${API_KEY_PREFIX}${randomBase64Url(API_KEY_RANDOM_BYTES)}`;
  return { secret, prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH), hash: hashApiKey(secret) };
}

/** SHA-256 is enough for a high-entropy key (no dictionary to attack), and fast per request. */
export function hashApiKey(secret: string): string {
  return sha256Hex(secret);
}

/** The key in `Authorization: Bearer bourse_…`, or null when the header is anything else. */
export function parseBearerKey(authorization: string): string | null {
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  const key = match?.[1];
  return key && API_KEY_PATTERN.test(key) ? key : null;
}
