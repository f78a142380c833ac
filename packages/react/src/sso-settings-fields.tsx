'use client';
import { Primitive } from '@radix-ui/react-primitive';
import type * as React from 'react';
import { fieldDomId } from './form-kit.js';
import { useRoleName } from './role-words.js';
import {
  form,
  kitOf,
  root,
  type SecretChoice,
  type SsoFormKit,
  type SsoSettingsField,
} from './sso-settings-context.js';

/** The fields inside `SsoSettings.Form`. */

type DivProps = Omit<React.ComponentPropsWithoutRef<typeof Primitive.div>, 'children'>;

export const hintId = (kit: SsoFormKit, name: string) => `${fieldDomId(kit.id, name)}-hint`;
export const errorId = (kit: SsoFormKit, name: string) => `${fieldDomId(kit.id, name)}-error`;
/** The fields with a hint under them (a new connection's secret too). */
const hinted = (kit: SsoFormKit, name: SsoSettingsField) =>
  name === 'clientSecret' ? kit.connection === null : name !== 'clientId';
/** An input's description: its error while it has one, else its hint (if it has one). */
export const describedBy = (kit: SsoFormKit, name: SsoSettingsField) =>
  kit.error?.field === name
    ? errorId(kit, name)
    : hinted(kit, name)
      ? hintId(kit, name)
      : undefined;

/** A text field with its label, hint and error (`data-catalyst="field"`). */
export function TextField({
  name,
  hint,
  ...props
}: DivProps & { name: SsoSettingsField; hint?: string }) {
  const kit = kitOf.use(name);
  return (
    <Primitive.div data-catalyst="field" data-name={name} {...props}>
      <form.Label name={name} />
      <form.Field name={name} />
      {hint && (
        <span id={hintId(kit, name)} data-catalyst="hint">
          {hint}
        </span>
      )}
      <form.Error field={name} />
    </Primitive.div>
  );
}

export function Name(props: DivProps) {
  return <TextField name="name" hint={root.use('Name').words.nameHint} {...props} />;
}
export function Issuer(props: DivProps) {
  return <TextField name="issuer" hint={root.use('Issuer').words.issuerHint} {...props} />;
}
export function ClientId(props: DivProps) {
  return <TextField name="clientId" {...props} />;
}
export function Scopes(props: DivProps) {
  return <TextField name="scopes" hint={root.use('Scopes').words.scopesHint} {...props} />;
}

/**
 * The client secret, write-only. A new connection: one password field (blank: a public client).
 * An existing one: whether a secret is set, then keep it, replace it (a field appears) or remove it.
 */
export function Secret(props: DivProps) {
  const { words } = root.use('Secret');
  const kit = kitOf.use('Secret');
  const { connection, values } = kit;
  if (!connection) return <TextField name="clientSecret" hint={words.secretHint} {...props} />;
  const choices: SecretChoice[] = connection.hasClientSecret
    ? ['keep', 'replace', 'remove']
    : ['keep', 'replace'];
  const label = {
    keep: words.keepSecret,
    replace: words.replaceSecret,
    remove: words.removeSecret,
  };
  const status = `${fieldDomId(kit.id, 'clientSecret')}-status`;
  return (
    <Primitive.div
      data-catalyst="sso-secret"
      data-has-secret={connection.hasClientSecret ? '' : undefined}
      {...props}
    >
      <fieldset aria-describedby={status} disabled={kit.pending} data-catalyst="sso-secret-choice">
        <legend data-catalyst="legend">{words.clientSecret}</legend>
        <p id={status} data-catalyst="sso-secret-status">
          {connection.hasClientSecret ? words.secretSet : words.secretNotSet}
        </p>
        {choices.map((choice) => (
          <div key={choice} data-catalyst="radio" data-name={choice}>
            <input
              id={`${fieldDomId(kit.id, 'secretChoice')}-${choice}`}
              type="radio"
              name={`${kit.id}-secret-choice`}
              value={choice}
              checked={values.secretChoice === choice}
              onChange={() => kit.set('secretChoice', choice)}
              data-catalyst="input"
            />
            <label
              htmlFor={`${fieldDomId(kit.id, 'secretChoice')}-${choice}`}
              data-catalyst="label"
            >
              {label[choice]}
            </label>
          </div>
        ))}
      </fieldset>
      {values.secretChoice === 'replace' ? (
        <TextField name="clientSecret" />
      ) : (
        <form.Error field="clientSecret" />
      )}
    </Primitive.div>
  );
}

/** The role a first sign-in gives: the org's roles but `owner`. */
export function DefaultRole(props: DivProps) {
  const ctx = root.use('DefaultRole');
  const kit = kitOf.use('DefaultRole');
  const roleName = useRoleName();
  const id = fieldDomId(kit.id, 'defaultRole');
  const invalid = kit.error?.field === 'defaultRole';
  const options = [...new Set(['member', ...ctx.roles, kit.values.defaultRole])];
  return (
    <Primitive.div data-catalyst="field" data-name="defaultRole" {...props}>
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.defaultRole}
      </label>
      <select
        id={id}
        name="defaultRole"
        disabled={kit.pending}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(kit, 'defaultRole')}
        data-invalid={invalid ? '' : undefined}
        data-catalyst="sso-default-role"
        value={kit.values.defaultRole}
        onChange={(event) => kit.set('defaultRole', event.currentTarget.value)}
      >
        {options.map((role) => (
          <option key={role} value={role}>
            {roleName(role)}
          </option>
        ))}
      </select>
      <span id={hintId(kit, 'defaultRole')} data-catalyst="hint">
        {ctx.words.defaultRoleHint}
      </span>
      <form.Error field="defaultRole" />
    </Primitive.div>
  );
}

/** A checkbox with its hint (or warning) and error. */
function Toggle({
  name,
  hint,
  warning = false,
  ...props
}: DivProps & { name: 'enabled' | 'required'; hint: string; warning?: boolean }) {
  const ctx = root.use(name);
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
        aria-describedby={describedBy(kit, name)}
        onChange={(event) => kit.set(name, event.currentTarget.checked)}
        data-catalyst="input"
      />
      <label htmlFor={id} data-catalyst="label">
        {ctx.words[name]}
      </label>
      <span
        id={hintId(kit, name)}
        data-catalyst={warning ? 'sso-required-warning' : 'hint'}
        data-active={warning && kit.values[name] ? '' : undefined}
      >
        {hint}
      </span>
      <form.Error field={name} />
    </Primitive.div>
  );
}

export function Enabled(props: DivProps) {
  return <Toggle name="enabled" hint={root.use('Enabled').words.enabledHint} {...props} />;
}

/** "Require single sign-on for our verified domains", with its warning always in view. */
export function Required(props: DivProps) {
  return (
    <Toggle name="required" hint={root.use('Required').words.requiredWarning} warning {...props} />
  );
}
