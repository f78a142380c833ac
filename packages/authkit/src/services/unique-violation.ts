/** Whether a driver error (node-postgres or PGlite, possibly wrapped by Drizzle) is SQLSTATE 23505. */
export const isUniqueViolation = (error: unknown): boolean =>
  String(
    (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code,
  ) === '23505';
