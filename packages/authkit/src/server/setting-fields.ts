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
