// Passwords: argon2id through @node-rs/argon2 (no hand-rolled crypto).
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is 2 in @node-rs/argon2; the const enum cannot be imported under isolatedModules.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verified against when the email is unknown, so both cases take the same time (no user enumeration). */
let dummy: Promise<string> | undefined;
export const dummyHash = () => {
  dummy ??= hashPassword('etalase-no-such-user');
  return dummy;
};
