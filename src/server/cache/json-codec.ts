/**
 * JSON that keeps bigints: money is bigint minor units everywhere (see DESIGN "Money"), and plain
 * JSON.stringify throws on them. A bigint is written as {"$bigint":"-123"} and read back as -123n.
 * Anything else JSON cannot carry (Date, Map, undefined) is lost exactly as with JSON itself.
 */

const BIGINT_TAG = "$bigint";
const INTEGER_TEXT = /^-?\d+$/;

export function encodeJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, field: unknown) =>
    typeof field === "bigint" ? { [BIGINT_TAG]: field.toString() } : field,
  );
  // JSON.stringify returns undefined (despite its type) for undefined and functions.
  if (typeof text !== "string") throw new TypeError(`cannot encode a value of type ${typeof value} as JSON`);
  return text;
}

export function decodeJson<T>(text: string): T {
  // The caller vouches for the shape: it is what encodeJson wrote for the same key.
  return JSON.parse(text, (_key, field: unknown) => (isBigintTag(field) ? BigInt(field[BIGINT_TAG]) : field)) as T;
}

function isBigintTag(field: unknown): field is { [BIGINT_TAG]: string } {
  if (typeof field !== "object" || field === null || Array.isArray(field)) return false;
  const keys = Object.keys(field);
  if (keys.length !== 1 || keys[0] !== BIGINT_TAG) return false;
  const digits: unknown = (field as Record<string, unknown>)[BIGINT_TAG];
  return typeof digits === "string" && INTEGER_TEXT.test(digits);
}
