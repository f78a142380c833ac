import { AuthkitError } from '../../domain/errors.js';
import { normalizeEmail } from '../../domain/email.js';
import { newId } from '../../domain/ids.js';
import type { PasswordIdpPort, SignInInput, SignUpInput } from '../../ports/idp.js';
import type { PasswordHasherPort } from '../../ports/password-hasher.js';
import type { StorePort, UserRecord } from '../../ports/store.js';
import { checkPasswordPolicy } from './password-policy.js';

export interface LocalPasswordIdpOptions {
  store: StorePort;
  hasher: PasswordHasherPort;
  minPasswordLength: number;
  now: () => Date;
}

const isUniqueViolation = (error: unknown) =>
  String(
    (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code,
  ) === '23505';

/** Email + password accounts kept in our own store, hashed with argon2id. */
export function createLocalPasswordIdp(options: LocalPasswordIdpOptions): PasswordIdpPort {
  const { store, hasher } = options;
  // Verified against when the email is unknown, so both failures cost one argon2 verification.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => (dummyHash ??= hasher.hash('catalyst-timing-equalizer'));

  return {
    id: 'local-password',
    async signUp(tx: StorePort, input: SignUpInput): Promise<UserRecord> {
      const email = normalizeEmail(input.email);
      await checkPasswordPolicy(input.password, {
        minLength: options.minPasswordLength,
        field: 'password',
        userInputs: [email, input.name],
      });
      if (await tx.users.findByEmail(email)) {
        throw new AuthkitError('email_taken', 'an account with this email already exists', {
          field: 'email',
        });
      }
      const passwordHash = await hasher.hash(input.password);
      try {
        return await tx.users.create({
          id: newId('usr'),
          email,
          name: input.name?.trim() || null,
          passwordHash,
        });
      } catch (error) {
        // A concurrent sign-up with the same email lost the unique-index race.
        if (isUniqueViolation(error)) {
          throw new AuthkitError('email_taken', 'an account with this email already exists', {
            field: 'email',
          });
        }
        throw error;
      }
    },
    async signIn(input: SignInInput) {
      const user = await store.users.findByEmail(normalizeEmail(input.email));
      const ok = user?.passwordHash
        ? await hasher.verify(user.passwordHash, input.password)
        : (await hasher.verify(await dummy(), input.password), false);
      if (!user || !ok)
        throw new AuthkitError('invalid_credentials', 'email or password is incorrect');
      return user;
    },
    async changePassword(userId, currentPassword, newPassword) {
      const user = await store.users.findById(userId);
      if (!user?.passwordHash || !(await hasher.verify(user.passwordHash, currentPassword))) {
        throw new AuthkitError('invalid_credentials', 'current password is incorrect', {
          field: 'currentPassword',
        });
      }
      await checkPasswordPolicy(newPassword, {
        minLength: options.minPasswordLength,
        field: 'newPassword',
        userInputs: [user.email, user.name],
      });
      await store.users.updatePasswordHash(userId, await hasher.hash(newPassword), options.now());
    },
    async setPassword(tx, userId, newPassword) {
      const user = await tx.users.findById(userId);
      if (!user) throw new AuthkitError('not_found', 'no such user');
      await checkPasswordPolicy(newPassword, {
        minLength: options.minPasswordLength,
        field: 'password',
        userInputs: [user.email, user.name],
      });
      await tx.users.updatePasswordHash(userId, await hasher.hash(newPassword), options.now());
    },
    async verifyPassword(userId, password) {
      const user = await store.users.findById(userId);
      if (!user?.passwordHash) {
        await hasher.verify(await dummy(), password);
        return false;
      }
      return hasher.verify(user.passwordHash, password);
    },
  };
}
