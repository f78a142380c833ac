'use client';
import type {
  ClientError,
  DirectoryConnection,
  DirectoryConnectionInput,
  DirectorySkipReason,
} from '@catalyst/authkit';
import type { DirectorySettingsWords } from './directory-settings-words.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import type { UseDirectorySettingsResult } from './use-directory-settings.js';

/** The contexts `DirectorySettings`' parts share, and what the form sends. */

export type DirectoryProvider = DirectoryConnection['provider'];

/** The form's fields, named as the server names them in its errors. */
export type DirectorySettingsField =
  | 'provider'
  | 'baseUrl'
  | 'realm'
  | 'clientId'
  | 'credential'
  | 'defaultRole'
  | 'intervalMinutes'
  | 'deprovision'
  | 'enabled';

export const DIRECTORY_FIELDS: readonly string[] = [
  'provider',
  'baseUrl',
  'realm',
  'clientId',
  'credential',
  'defaultRole',
  'intervalMinutes',
  'deprovision',
  'enabled',
];

/** What a part announces once done. */
export type DirectoryAnnouncement = 'connected' | 'saved' | 'synced' | 'removed';

export interface DirectorySettingsContext extends UseDirectorySettingsResult {
  id: string;
  words: DirectorySettingsWords;
  /** The last thing announced, or null. */
  announced: DirectoryAnnouncement | null;
  announce(what: DirectoryAnnouncement | null): void;
}

/** The schedule picker's choices in minutes (`''`: on demand only). */
export const SCHEDULES = ['', '15', '60', '360', '1440'] as const;

export interface DirectoryFormValues {
  provider: DirectoryProvider;
  baseUrl: string;
  realm: string;
  clientId: string;
  /** Blank keeps the stored one. */
  credential: string;
  defaultRole: string;
  /** Minutes as a string (a select's value); `''` is on demand only. */
  schedule: string;
  deprovision: boolean;
  enabled: boolean;
}

export interface DirectoryFormKit extends FormKit<DirectorySettingsField> {
  values: DirectoryFormValues;
  set<K extends keyof DirectoryFormValues>(key: K, value: DirectoryFormValues[K]): void;
  /** The connection being edited; null for a new one. */
  connection: DirectoryConnection | null;
}

export const root = lazyContext<DirectorySettingsContext>('DirectorySettings');
export const kitOf = lazyContext<DirectoryFormKit>('DirectorySettings', 'Form');
export const form = makeFormParts<DirectorySettingsField>(kitOf.use);

/** The form's values for `connection` (or a new one: Authentik, `member`, on demand, deprovision on). */
export function initialValues(connection: DirectoryConnection | null): DirectoryFormValues {
  const interval = connection?.intervalMinutes ?? null;
  return {
    provider: connection?.provider ?? 'authentik',
    baseUrl: connection?.baseUrl ?? '',
    realm: connection?.realm ?? '',
    clientId: connection?.clientId ?? '',
    credential: '',
    defaultRole: connection?.defaultRole ?? 'member',
    schedule: interval === null ? '' : String(interval),
    deprovision: connection?.deprovision ?? true,
    enabled: connection?.enabled ?? true,
  };
}

const local = (message: string, field: DirectorySettingsField): ClientError => ({
  code: 'invalid_request',
  status: 400,
  message,
  field,
});

/**
 * What to send for `values`, or the field error to show first. The credential is left out to
 * keep the stored one; the server wants it again when the address or the client changes.
 */
export function toInput(
  values: DirectoryFormValues,
  connection: DirectoryConnection | null,
  words: DirectorySettingsWords,
): { input: DirectoryConnectionInput } | { error: ClientError } {
  const keycloak = values.provider === 'keycloak';
  const baseUrl = values.baseUrl.trim().replace(/\/+$/, '');
  const realm = values.realm.trim();
  const clientId = values.clientId.trim();
  if (!baseUrl) return { error: local(words.baseUrlRequired, 'baseUrl') };
  if (keycloak && !realm) return { error: local(words.realmRequired, 'realm') };
  if (keycloak && !clientId) return { error: local(words.clientIdRequired, 'clientId') };
  const moved =
    !connection ||
    connection.provider !== values.provider ||
    connection.baseUrl !== baseUrl ||
    (keycloak && (connection.realm !== realm || connection.clientId !== clientId));
  if (moved && !values.credential) {
    const message = keycloak ? words.secretRequired : words.tokenRequired;
    return { error: local(message, 'credential') };
  }
  const input: DirectoryConnectionInput = {
    provider: values.provider,
    baseUrl,
    defaultRole: values.defaultRole,
    intervalMinutes: values.schedule === '' ? null : Number(values.schedule),
    deprovision: values.deprovision,
  };
  if (keycloak) {
    input.realm = realm;
    input.clientId = clientId;
  }
  if (values.credential) input.credential = values.credential;
  if (connection) input.enabled = values.enabled;
  return { input };
}

/** `defaultRole.0` (the server names the entry at fault) belongs to its field. */
export const onField = (error: ClientError): ClientError => {
  const field = error.field?.split('.')[0];
  return field && field !== error.field && DIRECTORY_FIELDS.includes(field)
    ? { ...error, field }
    : error;
};

/** The words key of each reason a run skips a user; a reason added later shows as sent. */
export const SKIP_WORDS: Record<DirectorySkipReason, keyof DirectorySettingsWords> = {
  inactive: 'skipInactive',
  no_email: 'skipNoEmail',
  outside_domains: 'skipOutsideDomains',
  unverified_account: 'skipUnverifiedAccount',
  operator: 'skipOperator',
  duplicate_email: 'skipDuplicateEmail',
  linked_elsewhere: 'skipLinkedElsewhere',
  member_limit: 'skipMemberLimit',
};
