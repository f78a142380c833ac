'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import {
  initialValues,
  kitOf,
  onField,
  root,
  SSO_FIELDS,
  toInput,
  type SsoFormKit,
  type SsoFormValues,
  type SsoSettingsField,
} from './sso-settings-context.js';
import { describedBy } from './sso-settings-fields.js';

/** `SsoSettings.Form`, its title and its cancel button (the fields are in sso-settings-fields.tsx). */

type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

/**
 * The provider form (`data-state="pending|error|idle"`): for the connection, or a new one once
 * "Connect a provider" was pressed. Its server errors land on their fields (`issuer`, `scopes`,
 * `defaultRole`…); others show in `Error` without a `field`.
 */
export function Form(props: Omit<React.ComponentPropsWithoutRef<'form'>, 'onSubmit'>) {
  const ctx = root.use('Form');
  const shown = ctx.state === 'ready' || (ctx.state === 'empty' && ctx.connecting);
  if (!shown || !ctx.canManage || ctx.orgId === null) return null;
  // Mounted once there is something to edit: its values start from that connection.
  return <FormBody key={ctx.connection?.id ?? 'new'} {...props} />;
}

type TextName = 'name' | 'issuer' | 'clientId' | 'scopes' | 'clientSecret';
const TEXT_INPUTS: Record<TextName, React.ComponentPropsWithoutRef<'input'>> = {
  name: { type: 'text', maxLength: 64, placeholder: 'Single sign-on' },
  issuer: {
    type: 'url',
    required: true,
    maxLength: 512,
    spellCheck: false,
    placeholder: 'https://',
  },
  clientId: { type: 'text', required: true, maxLength: 256, spellCheck: false },
  clientSecret: { type: 'password', maxLength: 2048, autoComplete: 'new-password' },
  scopes: { type: 'text', spellCheck: false },
};
const isText = (name: SsoSettingsField): name is TextName => Object.hasOwn(TEXT_INPUTS, name);

function FormBody({
  children,
  ...props
}: Omit<React.ComponentPropsWithoutRef<'form'>, 'onSubmit'>) {
  const ctx = root.use('Form');
  const { connection, words } = ctx;
  const [values, setValues] = React.useState<SsoFormValues>(() => initialValues(connection));
  const [error, setError] = React.useState<ClientError | null>(null);
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const built = toInput(values, connection, words);
    if ('error' in built) return setError(built.error);
    setError(null);
    ctx.announce(null);
    const result = await ctx.save(built.input);
    if (!result.ok) return setError(onField(result.error));
    setValues(initialValues(result.data));
    ctx.announce('saved');
  };
  const set: SsoFormKit['set'] = (key, value) => setValues((v) => ({ ...v, [key]: value }));
  const kit: SsoFormKit = {
    id: `${ctx.id}-form`,
    pending: ctx.saving,
    readOnly: false,
    error,
    isField: (field) => SSO_FIELDS.includes(field),
    label: (name) => (name === 'clientSecret' && connection ? words.newSecret : words[name]),
    input: (name) => {
      if (!isText(name)) return {};
      const key = name === 'clientSecret' ? 'secret' : name;
      return {
        autoComplete: 'off',
        ...TEXT_INPUTS[name],
        'aria-describedby': describedBy(kit, name),
        value: values[key],
        onChange: (event) => set(key, event.currentTarget.value),
      };
    },
    submit: words.save,
    values,
    set,
    connection,
  };
  const Kit = kitOf.get();
  return (
    <Kit.Provider value={kit}>
      <form
        noValidate
        aria-labelledby={`${ctx.id}-form-title`}
        data-catalyst="sso-settings-form"
        data-state={ctx.saving ? 'pending' : error ? 'error' : 'idle'}
        aria-busy={ctx.saving || undefined}
        {...props}
        onSubmit={onSubmit}
      >
        {children}
      </form>
    </Kit.Provider>
  );
}

/** "Connect an OpenID provider" or "Provider settings": the form's heading and name. */
export function FormTitle({ asChild, children, ...props }: ParagraphProps) {
  const ctx = root.use('FormTitle');
  const kit = kitOf.use('FormTitle');
  return (
    <Primitive.p
      asChild={asChild}
      id={`${ctx.id}-form-title`}
      data-catalyst="sso-settings-form-title"
      {...props}
    >
      {partContent(
        asChild,
        children,
        kit.connection ? ctx.words.editTitle : ctx.words.connectTitle,
      )}
    </Primitive.p>
  );
}

/** Closes a new connection's form (back to the empty state); nothing when editing one. */
export function Cancel({ asChild, children, ...props }: ButtonProps) {
  const ctx = root.use('Cancel');
  const kit = kitOf.use('Cancel');
  if (kit.connection) return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="sso-settings-cancel"
      onClick={() => ctx.setConnecting(false)}
      {...props}
    >
      {partContent(asChild, children, ctx.words.cancel)}
    </Primitive.button>
  );
}
