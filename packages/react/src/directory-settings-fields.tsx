'use client';
import { Primitive } from '@radix-ui/react-primitive';
import type * as React from 'react';
import { fillIn } from './account-parts.js';
import {
  form,
  kitOf,
  root,
  SCHEDULES,
  type DirectoryFormKit,
  type DirectoryProvider,
  type DirectorySettingsField,
} from './directory-settings-context.js';
import type { DirectorySettingsWords } from './directory-settings-words.js';
import { fieldDomId } from './form-kit.js';
import { useRoleName } from './role-words.js';

/** The fields inside `DirectorySettings.Form`. */

type DivProps = Omit<React.ComponentPropsWithoutRef<typeof Primitive.div>, 'children'>;

export const hintId = (kit: DirectoryFormKit, name: string) => `${fieldDomId(kit.id, name)}-hint`;
export const errorId = (kit: DirectoryFormKit, name: string) => `${fieldDomId(kit.id, name)}-error`;

/** Each field's hint, if it has one (the credential's says whether one is stored). */
export function hintOf(
  kit: DirectoryFormKit,
  words: DirectorySettingsWords,
  name: DirectorySettingsField,
): string | null {
  switch (name) {
    case 'baseUrl':
      return words.baseUrlHint;
    case 'clientId':
      return words.clientIdHint;
    case 'credential':
      return kit.connection ? words.credentialSet : words.credentialHint;
    case 'defaultRole':
      return words.defaultRoleHint;
    case 'deprovision':
      return words.deprovisionHint;
    case 'enabled':
      return words.enabledHint;
    default:
      return null;
  }
}

/** An input's description: its error while it has one, else its hint (if it has one). */
export const describedBy = (
  kit: DirectoryFormKit,
  words: DirectorySettingsWords,
  name: DirectorySettingsField,
) =>
  kit.error?.field === name
    ? errorId(kit, name)
    : hintOf(kit, words, name) !== null
      ? hintId(kit, name)
      : undefined;

function Hint({ name }: { name: DirectorySettingsField }) {
  const { words } = root.use('Hint');
  const kit = kitOf.use('Hint');
  const hint = hintOf(kit, words, name);
  if (hint === null) return null;
  return (
    <span id={hintId(kit, name)} data-catalyst="hint">
      {hint}
    </span>
  );
}

/** A text field with its label, hint and error (`data-catalyst="field"`). */
function TextField({ name, ...props }: DivProps & { name: DirectorySettingsField }) {
  return (
    <Primitive.div data-catalyst="field" data-name={name} {...props}>
      <form.Label name={name} />
      <form.Field name={name} />
      <Hint name={name} />
      <form.Error field={name} />
    </Primitive.div>
  );
}

/** A select with its label, hint and error; `options` are `[value, label]`. */
function SelectField({
  name,
  value,
  options,
  onValue,
  ...props
}: DivProps & {
  name: DirectorySettingsField;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  onValue(value: string): void;
}) {
  const { words } = root.use(name);
  const kit = kitOf.use(name);
  const id = fieldDomId(kit.id, name);
  const invalid = kit.error?.field === name;
  return (
    <Primitive.div data-catalyst="field" data-name={name} {...props}>
      <label htmlFor={id} data-catalyst="label">
        {kit.label(name)}
      </label>
      <select
        id={id}
        name={name}
        disabled={kit.pending}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(kit, words, name)}
        data-invalid={invalid ? '' : undefined}
        data-catalyst="select"
        value={value}
        onChange={(event) => onValue(event.currentTarget.value)}
      >
        {options.map(([option, label]) => (
          <option key={option} value={option}>
            {label}
          </option>
        ))}
      </select>
      <Hint name={name} />
      <form.Error field={name} />
    </Primitive.div>
  );
}

/** Authentik or Keycloak; Keycloak adds the realm and the client ID. */
export function Provider(props: DivProps) {
  const { words } = root.use('Provider');
  const kit = kitOf.use('Provider');
  const options = [
    ['authentik', words.authentik],
    ['keycloak', words.keycloak],
  ] as const;
  return (
    <SelectField
      name="provider"
      value={kit.values.provider}
      options={options}
      onValue={(value) => kit.set('provider', value as DirectoryProvider)}
      {...props}
    />
  );
}

export function BaseUrl(props: DivProps) {
  return <TextField name="baseUrl" {...props} />;
}

/** Keycloak's realm; nothing for Authentik. */
export function Realm(props: DivProps) {
  const kit = kitOf.use('Realm');
  if (kit.values.provider !== 'keycloak') return null;
  return <TextField name="realm" {...props} />;
}

/** Keycloak's client; nothing for Authentik. */
export function ClientId(props: DivProps) {
  const kit = kitOf.use('ClientId');
  if (kit.values.provider !== 'keycloak') return null;
  return <TextField name="clientId" {...props} />;
}

/** The API token (Authentik) or client secret (Keycloak), write-only: blank keeps the stored one. */
export function Credential(props: DivProps) {
  const kit = kitOf.use('Credential');
  return (
    <TextField name="credential" data-has-credential={kit.connection ? '' : undefined} {...props} />
  );
}

/** The role the directory gives people it adds: the org's roles but `owner`. */
export function DefaultRole(props: DivProps) {
  const ctx = root.use('DefaultRole');
  const kit = kitOf.use('DefaultRole');
  const roleName = useRoleName();
  const roles = [...new Set(['member', ...ctx.roles, kit.values.defaultRole])];
  return (
    <SelectField
      name="defaultRole"
      value={kit.values.defaultRole}
      options={roles.map((role) => [role, roleName(role)] as const)}
      onValue={(value) => kit.set('defaultRole', value)}
      {...props}
    />
  );
}

/** How often it runs: on demand only, or every 15 minutes to every day (a saved custom interval stays). */
export function Schedule(props: DivProps) {
  const { words } = root.use('Schedule');
  const kit = kitOf.use('Schedule');
  const label: Record<(typeof SCHEDULES)[number], string> = {
    '': words.onDemand,
    '15': words.every15,
    '60': words.hourly,
    '360': words.every6Hours,
    '1440': words.daily,
  };
  const options: Array<readonly [string, string]> = SCHEDULES.map((v) => [v, label[v]] as const);
  const current = kit.values.schedule;
  if (!Object.hasOwn(label, current))
    options.push([current, fillIn(words.everyMinutes, { minutes: current })]);
  return (
    <SelectField
      name="intervalMinutes"
      value={current}
      options={options}
      onValue={(value) => kit.set('schedule', value)}
      {...props}
    />
  );
}

/** A checkbox with its hint and error. */
function Toggle({ name, ...props }: DivProps & { name: 'deprovision' | 'enabled' }) {
  const { words } = root.use(name);
  const kit = kitOf.use(name);
  const id = fieldDomId(kit.id, name);
  return (
    <Primitive.div data-catalyst="checkbox" data-name={name} {...props}>
      <input
        id={id}
        type="checkbox"
        name={name}
        checked={kit.values[name]}
        disabled={kit.pending}
        aria-describedby={describedBy(kit, words, name)}
        onChange={(event) => kit.set(name, event.currentTarget.checked)}
        data-catalyst="input"
      />
      <label htmlFor={id} data-catalyst="label">
        {words[name]}
      </label>
      <Hint name={name} />
      <form.Error field={name} />
    </Primitive.div>
  );
}

/** "Remove members the directory drops or disables" (on by default; owners never are). */
export function Deprovision(props: DivProps) {
  return <Toggle name="deprovision" {...props} />;
}

/** Switches the saved directory on or off; nothing before it is connected. */
export function Enabled(props: DivProps) {
  const kit = kitOf.use('Enabled');
  if (!kit.connection) return null;
  return <Toggle name="enabled" {...props} />;
}
