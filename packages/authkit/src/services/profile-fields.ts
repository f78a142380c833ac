import { z } from 'zod';
import { AuthkitError } from '../domain/errors.js';
import { CONTROL_CHARACTERS } from '../server/schemas.js';
import type { ProfileFieldSpec } from '../server/profile-settings.js';

const invalid = (field: string, message: string) =>
  new AuthkitError('invalid_request', `${field}: ${message}`, { field });

const plainText = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters');

function fieldSchema(spec: ProfileFieldSpec): z.ZodType {
  switch (spec.type) {
    case 'string':
      return plainText(spec.maxLength);
    case 'boolean':
      return z.boolean({ error: 'must be true or false' });
    case 'enum':
      return z.enum(spec.values as [string, ...string[]], {
        error: `must be one of ${spec.values.join(', ')}`,
      });
    case 'number': {
      let schema = z.number({ error: 'must be a number' });
      if (spec.integer) schema = schema.int('must be an integer');
      if (spec.min !== undefined) schema = schema.min(spec.min, `must be at least ${spec.min}`);
      if (spec.max !== undefined) schema = schema.max(spec.max, `must be at most ${spec.max}`);
      return schema;
    }
  }
}

/** The configured `profileFields` as validators, built once at start-up. */
export type FieldValidators = ReadonlyMap<string, z.ZodType>;

export function compileProfileFields(fields: Record<string, ProfileFieldSpec>): FieldValidators {
  return new Map(Object.entries(fields).map(([name, spec]) => [name, fieldSchema(spec)]));
}

/**
 * Splits a patch of custom fields into values to set and names to remove (null). An unknown
 * field or a bad value throws a 400 naming `fields.<name>` before anything is written.
 */
export function checkFields(
  validators: FieldValidators,
  patch: Record<string, unknown>,
): { set: Record<string, unknown>; remove: string[] } {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [name, value] of Object.entries(patch)) {
    const schema = validators.get(name);
    if (!schema) throw invalid(`fields.${name}`, 'is not a profile field');
    if (value === null) {
      remove.push(name);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw invalid(`fields.${name}`, parsed.error.issues[0]!.message);
    set[name] = parsed.data;
  }
  return { set, remove };
}

/** A BCP 47 language tag, canonicalised (`en-us` → `en-US`); a 400 naming `locale` otherwise. */
export function canonicalLocale(value: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (canonical && canonical.length <= 35) return canonical;
  } catch {
    // RangeError: not a well-formed language tag.
  }
  throw invalid('locale', 'must be a BCP 47 language tag such as en-US');
}

/** An IANA time zone name (`Europe/Paris`, `UTC`), as the runtime's time zone database knows it. */
export function canonicalTimeZone(value: string): string {
  // Names only: offsets such as +01:00 are not zones (they ignore daylight saving time).
  if (/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(value) && value.length <= 64) {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      // RangeError: unknown zone.
    }
  }
  throw invalid('timezone', 'must be an IANA time zone such as Europe/Paris');
}
