export interface PasswordHasherPort {
  hash(password: string): Promise<string>;
  /** Constant-time comparison of a password against a stored hash. */
  verify(hash: string, password: string): Promise<boolean>;
}
