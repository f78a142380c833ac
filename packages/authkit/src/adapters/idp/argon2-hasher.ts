import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasherPort } from '../../ports/password-hasher.js';

export interface Argon2Options {
  /** KiB of memory per hash; OWASP's argon2id floor is 19 MiB. */
  memoryCost?: number;
  timeCost?: number;
  parallelism?: number;
}

/** argon2id via @node-rs/argon2; the PHC string carries its own salt and parameters. */
export function createArgon2Hasher(options: Argon2Options = {}): PasswordHasherPort {
  const params = {
    algorithm: 2 as const, // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)
    memoryCost: options.memoryCost ?? 19_456,
    timeCost: options.timeCost ?? 2,
    parallelism: options.parallelism ?? 1,
  };
  return {
    hash: (password) => hash(password, params),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}
