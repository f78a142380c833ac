import type { AccessTokenClaims } from '../../domain/types.js';

/** The identity an allowed answer describes, as header values (lists comma-separated). */
export interface IdentityValues {
  org: string;
  labels: string;
  scopes: string;
  roles: string;
  groups: string;
}

export const EMPTY_IDENTITY: { sub: string; values: IdentityValues } = {
  sub: '',
  values: { org: '', labels: '', scopes: '', roles: '', groups: '' },
};

// Visible ASCII only, and no comma inside a list entry: a value can neither end the header
// (CR/LF) nor smuggle an extra entry into a list.
const SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function scalar(value: unknown): string {
  return typeof value === 'string' && SAFE.test(value) ? value : '';
}

function list(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .filter((entry): entry is string => typeof entry === 'string' && SAFE.test(entry))
    .filter((entry) => !entry.includes(','))
    .join(',');
}

/** Header values from verified claims; anything unsafe in a header is left out. */
export function identityFromClaims(claims: AccessTokenClaims): {
  sub: string;
  values: IdentityValues;
} {
  return {
    sub: scalar(claims.sub),
    values: {
      org: scalar(claims.org),
      labels: list(claims.labels),
      scopes: list(claims.scopes),
      roles: list(claims.roles),
      groups: list(claims.groups),
    },
  };
}
