import { z } from 'zod';
import { compileProxyTrust } from './client-address.js';

/** Networks as settings take them: CIDRs, addresses or named ranges, each one checked. */
export const networkList = z.array(z.string()).superRefine((entries, ctx) => {
  try {
    compileProxyTrust(entries);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/** A comma-separated environment value as a list, blanks dropped. */
export const envList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

// An issuer is an https origin with an optional path (RFC 8414 §2); http only for loopback tests.
export const issuerUrl = z
  .string()
  .max(512)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        !url.search &&
        !url.hash &&
        !url.username &&
        !url.password &&
        !value.endsWith('/')
      );
    } catch {
      return false;
    }
  }, 'must be an issuer URL such as https://token.actions.githubusercontent.com (no trailing slash, query or credentials)');
