import { z } from 'zod';

const MiB = 1024 * 1024;
const bytes = z
  .number()
  .int()
  .min(1024)
  .max(20 * MiB);

/** One custom profile field (`profileFields`): what type it is and what it allows. */
const fieldSpec = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('string'),
      maxLength: z.number().int().min(1).max(10_000).default(200),
    })
    .strict(),
  z
    .object({
      type: z.literal('number'),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean().default(false),
    })
    .strict(),
  z.object({ type: z.literal('boolean') }).strict(),
  z
    .object({
      type: z.literal('enum'),
      values: z.array(z.string().min(1).max(100)).min(1).max(100),
    })
    .strict(),
]);

export type ProfileFieldSpec = z.output<typeof fieldSpec>;

/** Settings for user profiles and image uploads (issue 12). */
export const profileSettingsShape = {
  /**
   * Custom fields users may set on their profile (`{ company: { type: 'string', maxLength: 100 },
   * newsletter: { type: 'boolean' } }`); anything else is refused, naming the field.
   */
  profileFields: z
    .record(
      z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'field names are identifiers'),
      fieldSpec,
    )
    .default({}),
  /** Upload limits: bytes per avatar and per logo, and the largest width or height in pixels. */
  uploads: z
    .object({
      avatarMaxBytes: bytes.default(2 * MiB),
      logoMaxBytes: bytes.default(2 * MiB),
      // A 50 KB PNG can decode to gigabytes of pixels: refused before it is decoded.
      maxDimension: z.number().int().min(16).max(16_384).default(4096),
    })
    .prefault({}),
};

/** Image uploads per user (avatars and logos); each one costs a decode and an encode. */
export const profileRateLimitsShape = {
  uploadsPerUser: z
    .object({ points: z.number().int().positive(), durationSeconds: z.number().int().positive() })
    .default({ points: 30, durationSeconds: 3600 }),
};
