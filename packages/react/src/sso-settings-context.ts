'use client';
import type { ClientError, OrgSsoConnection, SsoConnectionInput } from '@catalyst/authkit';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import type { SsoSettingsWords } from './sso-settings-words.js';
import type { UseSsoSettingsResult } from './use-sso-settings.js';

/** The contexts `SsoSettings`' parts share (its file and the form fields' file). */

export type SsoSettingsField =
  | 'name'
  | 'issuer'
  | 'clientId'
  | 'clientSecret'
  | 'scopes'
  | 'defaultRole'
  | 'enabled'
  | 'required';

export const SSO_FIELDS: readonly string[] = [
  'name',
  'issuer',
  'clientId',
  'clientSecret',
  'scopes',
  'defaultRole',
  'enabled',
  'required',
];

/** What happens to the stored secret on save: kept, replaced by a new one, or removed. */
export type SecretChoice = 'keep' | 'replace' | 'remove';

export interface SsoSettingsContext extends UseSsoSettingsResult {
  id: string;
  words: SsoSettingsWords;
  /** The form for a new connection is open (from the empty state's "Connect a provider"). */
  connecting: boolean;
  setConnecting(on: boolean): void;
  /** The last thing announced (`saved`, `removed`), or null. */
  announced: 'saved' | 'removed' | null;
  announce(what: 'saved' | 'removed' | null): void;
}

export interface SsoFormValues {
  name: string;
  issuer: string;
  clientId: string;
  secretChoice: SecretChoice;
  secret: string;
  /** As typed: separated by spaces (or commas). */
  scopes: string;
  defaultRole: string;
  enabled: boolean;
  required: boolean;
}

export interface SsoFormKit extends FormKit<SsoSettingsField> {
  values: SsoFormValues;
  set<K extends keyof SsoFormValues>(key: K, value: SsoFormValues[K]): void;
  /** The connection being edited; null for a new one. */
  connection: OrgSsoConnection | null;
}

export const root = lazyContext<SsoSettingsContext>('SsoSettings');
export const kitOf = lazyContext<SsoFormKit>('SsoSettings', 'Form');
export const form = makeFormParts<SsoSettingsField>(kitOf.use);

/** The form's values for `connection` (or a new one: the usual scopes, `member`, enabled). */
export function initialValues(connection: OrgSsoConnection | null): SsoFormValues {
  return {
    name: connection?.name ?? '',
    issuer: connection?.issuer ?? '',
    clientId: connection?.clientId ?? '',
    secretChoice: connection ? 'keep' : 'replace',
    secret: '',
    scopes: (connection?.scopes ?? ['openid', 'email', 'profile']).join(' '),
    defaultRole: connection?.defaultRole ?? 'member',
    enabled: connection?.enabled ?? true,
    required: connection?.required ?? false,
  };
}

const local = (message: string, field: SsoSettingsField): ClientError => ({
  code: 'invalid_request',
  status: 400,
  message,
  field,
});

/**
 * What to send for `values`, or the field error to show first. `clientSecret` is left out to keep
 * the stored one, null to remove it; a new connection without a secret is a public client.
 */
export function toInput(
  values: SsoFormValues,
  connection: OrgSsoConnection | null,
  words: SsoSettingsWords,
): { input: SsoConnectionInput } | { error: ClientError } {
  const issuer = values.issuer.trim();
  const clientId = values.clientId.trim();
  if (!issuer) return { error: local(words.issuerRequired, 'issuer') };
  if (!clientId) return { error: local(words.clientIdRequired, 'clientId') };
  const input: SsoConnectionInput = {
    issuer,
    clientId,
    scopes: values.scopes.split(/[\s,]+/).filter(Boolean),
    defaultRole: values.defaultRole,
    enabled: values.enabled,
    required: values.required,
  };
  const name = values.name.trim();
  if (name) input.name = name;
  if (!connection) {
    if (values.secret) input.clientSecret = values.secret;
  } else if (values.secretChoice === 'replace') {
    if (!values.secret) return { error: local(words.secretRequired, 'clientSecret') };
    input.clientSecret = values.secret;
  } else if (values.secretChoice === 'remove') input.clientSecret = null;
  return { input };
}

/** `defaultRole.0` and `scopes.2` (the server names the entry at fault) belong to their field. */
export const onField = (error: ClientError): ClientError => {
  const field = error.field?.split('.')[0];
  return field && field !== error.field && SSO_FIELDS.includes(field) ? { ...error, field } : error;
};
