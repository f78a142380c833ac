/** OpenAPI schemas for profiles, avatar and logo uploads, and served files (issue 12). */
import { z } from '@hono/zod-openapi';
import { ProblemSchema, text } from './schemas.js';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

export const ProfileSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    locale: z.string().nullable().openapi({ example: 'en-GB' }),
    timezone: z.string().nullable().openapi({ example: 'Europe/London' }),
    avatarUrl: z.string().nullable().openapi({
      description: 'Absolute URL of the avatar (`GET /files/{fileId}`), or null',
    }),
    fields: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'Custom fields, as the `profileFields` setting describes them' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Profile');

/** A custom field's value: the server checks it against `profileFields`; null removes it. */
const FieldValue = z.union([text(10_000), z.number(), z.boolean(), z.null()]);

export const UpdateProfileBody = z
  .object({
    name: text(200).nullable().optional().openapi({ example: 'Ada Lovelace' }),
    locale: text(35)
      .nullable()
      .optional()
      .openapi({ example: 'en-GB', description: 'BCP 47 language tag; null clears it' }),
    timezone: text(64)
      .nullable()
      .optional()
      .openapi({ example: 'Europe/London', description: 'IANA time zone; null clears it' }),
    fields: z
      .record(text(40, { min: 1 }), FieldValue)
      .optional()
      .openapi({
        description:
          'Custom fields to set (null removes one); a name `profileFields` does not declare is refused',
        example: { company: 'Analytical Engines Ltd' },
      }),
  })
  .strict()
  .openapi('UpdateProfileBody');

export const FileIdParam = z.object({
  fileId: text(64, { min: 1 }).openapi({
    param: { name: 'fileId', in: 'path' },
    example: 'file_0123456789abcdefghjkmnpq',
  }),
});

const binary = { type: 'string' as const, format: 'binary' };

/** A raw image body: the bytes themselves, not multipart. The type is read from the bytes. */
export const imageBody = (limit: string) => ({
  description: `The image's bytes as the request body (PNG, JPEG or WebP; ${limit}). The declared content type is ignored: the type is read from the bytes, and the image is re-encoded without its metadata.`,
  required: true,
  content: Object.fromEntries(IMAGE_TYPES.map((type) => [type, { schema: binary }])),
});

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** What an upload may answer besides the usual errors. */
export const uploadErrors = {
  413: problem('The file has too many bytes or pixels (`file_too_large`)'),
  415: problem('Not a PNG, JPEG or WebP image, or not decodable (`unsupported_image`)'),
};

export const servedFile = {
  description:
    'The image, with its stored content type, `nosniff`, a sandboxing CSP and a year of immutable caching',
  headers: {
    etag: { schema: { type: 'string' as const } },
    'cache-control': { schema: { type: 'string' as const } },
    'x-content-type-options': { schema: { type: 'string' as const } },
    'content-security-policy': { schema: { type: 'string' as const } },
  },
  content: Object.fromEntries(IMAGE_TYPES.map((type) => [type, { schema: binary }])),
};

export const fileErrors = {
  304: { description: 'Not modified (the `If-None-Match` ETag matches)' },
  400: problem('Invalid file id; `field` names it'),
  404: problem('No such file'),
};
