// Password hashing with Argon2id (@node-rs/argon2). Parameters: OWASP Password Storage Cheat
// Sheet minimum for Argon2id (m = 19 MiB, t = 2, p = 1).
import { hash, verify } from "@node-rs/argon2";

// algorithm 2 = Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2ID);

/** false for a wrong password or a malformed hash; never throws. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid Argon2id hash (same parameters) of a throw-away value: checking an unknown username against it
 * takes as long as a real check, so response time does not reveal which usernames exist. The result is ignored. */
export const TIMING_DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$LKjLYaXk8V4s0/p9+KuHXw$UANUz8jtGFB7xfrjQM1P9qcr02uP36ZkjxJtjsLAtNw";
