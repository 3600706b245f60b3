import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the enum is a const enum that isolatedModules cannot read.
const ARGON2ID = 2;

/** OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane. Set explicitly so a library default can't weaken it. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Each hash costs ~20 MiB and tens of ms of a core: a login flood must queue, not exhaust the machine. */
const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/domain/credentials";

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, ARGON2_OPTIONS));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return limited(() => verify(passwordHash, password).catch(() => false));
}

/**
 * Verifying against this when the email is unknown makes a miss cost as much as a wrong
 * password, so timing does not reveal which emails have accounts.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("bourse-no-such-user-password");
  return dummyHash;
}
