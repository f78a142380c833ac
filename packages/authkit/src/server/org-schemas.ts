import { z } from '@hono/zod-openapi';
import { SLUG_PATTERN } from '../domain/org.js';
import { CONTROL_CHARACTERS, text } from './schemas.js';

const SETTINGS_MAX_BYTES = 8 * 1024;

const httpsUrl = text(2048).pipe(
  z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
);
const color = text(7).regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #1a2b3c');

export const OrgProfileSchema = z
  .object({
    logoUrl: httpsUrl.optional(),
    description: text(1000).optional(),
    website: httpsUrl.optional(),
    brandColors: z
      .object({ primary: color.optional(), secondary: color.optional() })
      .strict()
      .optional(),
    address: z
      .object({
        line1: text(200).optional(),
        line2: text(200).optional(),
        city: text(100).optional(),
        region: text(100).optional(),
        postalCode: text(20).optional(),
        country: text(2)
          .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
          .optional(),
      })
      .strict()
      .optional(),
    links: z
      .array(z.object({ label: text(100, { min: 1 }), url: httpsUrl }).strict())
      .max(10, 'must have at most 10 links')
      .optional(),
  })
  .strict()
  .openapi('OrgProfile');

function hasControlCharacters(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL_CHARACTERS.test(value);
  if (Array.isArray(value)) return value.some(hasControlCharacters);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(
      ([key, inner]) => CONTROL_CHARACTERS.test(key) || hasControlCharacters(inner),
    );
  }
  return false;
}

/** Free-form JSON, at most 8 KiB once serialized, with no control characters anywhere. */
const SettingsSchema = z
  .record(z.string().max(100), z.unknown())
  .refine((value) => JSON.stringify(value).length <= SETTINGS_MAX_BYTES, {
    message: `must be at most ${SETTINGS_MAX_BYTES} bytes as JSON`,
  })
  .refine((value) => !hasControlCharacters(value), {
    message: 'must not contain control characters',
  });

export const CreateOrgBody = z
  .object({
    name: text(100, { min: 1 }),
    slug: text(40, { min: 1 })
      .transform((value) => value.toLowerCase())
      .pipe(
        z
          .string()
          .regex(
            SLUG_PATTERN,
            'must be 3–40 lower-case letters, digits or inner hyphens (e.g. acme-inc)',
          ),
      ),
    profile: OrgProfileSchema.optional(),
    settings: SettingsSchema.optional(),
  })
  .strict()
  .openapi('CreateOrgBody');

export const UpdateOrgBody = z
  .object({
    name: text(100, { min: 1 }).optional(),
    profile: OrgProfileSchema.optional(),
    settings: SettingsSchema.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field' })
  .openapi('UpdateOrgBody');

export const OrgSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    status: z.enum(['active', 'deleted']),
    ownerId: z.string(),
    profile: OrgProfileSchema,
    settings: z.record(z.string(), z.unknown()),
    labels: z.array(z.string()),
    plan: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    roles: z.array(z.string()).openapi({ description: "The caller's roles in this org" }),
  })
  .openapi('Org');

export const OrgIdParam = z.object({
  orgId: text(64, { min: 1 }).openapi({ param: { name: 'orgId', in: 'path' } }),
});

export const PageQuery = z.object({
  cursor: text(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
