'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import {
  DIRECTORY_FIELDS,
  initialValues,
  kitOf,
  onField,
  root,
  toInput,
  type DirectoryFormKit,
  type DirectoryFormValues,
  type DirectorySettingsField,
} from './directory-settings-context.js';
import { describedBy } from './directory-settings-fields.js';

/** `DirectorySettings.Form` and its title (the fields are in directory-settings-fields.tsx). */

type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type FormProps = Omit<React.ComponentPropsWithoutRef<'form'>, 'onSubmit'>;

/**
 * The directory form (`data-state="pending|error|idle"`): a new connection's while none is
 * connected, else the saved one's. Server errors land on their fields (`baseUrl`, `realm`,
 * `credential`, `defaultRole`…); others show in `FormError`.
 */
export function Form(props: FormProps) {
  const ctx = root.use('Form');
  const shown = ctx.state === 'ready' || ctx.state === 'empty';
  if (!shown || !ctx.canManage || ctx.orgId === null) return null;
  // Mounted again for another connection: its values start from it.
  return <FormBody key={ctx.connection?.id ?? 'new'} {...props} />;
}

type TextName = 'baseUrl' | 'realm' | 'clientId' | 'credential';
const TEXT_INPUTS: Record<TextName, React.ComponentPropsWithoutRef<'input'>> = {
  baseUrl: {
    type: 'url',
    required: true,
    maxLength: 512,
    spellCheck: false,
    placeholder: 'https://',
  },
  realm: { type: 'text', required: true, maxLength: 100, spellCheck: false },
  clientId: { type: 'text', required: true, maxLength: 256, spellCheck: false },
  credential: { type: 'password', maxLength: 4096, autoComplete: 'new-password' },
};
const isText = (name: DirectorySettingsField): name is TextName => Object.hasOwn(TEXT_INPUTS, name);

function FormBody({ children, ...props }: FormProps) {
  const ctx = root.use('Form');
  const { connection, words } = ctx;
  const [values, setValues] = React.useState<DirectoryFormValues>(() => initialValues(connection));
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
    ctx.announce(connection ? 'saved' : 'connected');
  };
  const set: DirectoryFormKit['set'] = (key, value) => setValues((v) => ({ ...v, [key]: value }));
  const credentialLabel = values.provider === 'keycloak' ? words.clientSecret : words.apiToken;
  const kit: DirectoryFormKit = {
    id: `${ctx.id}-form`,
    pending: ctx.saving,
    readOnly: false,
    error,
    isField: (field) => DIRECTORY_FIELDS.includes(field),
    label: (name) =>
      name === 'credential'
        ? credentialLabel
        : name === 'intervalMinutes'
          ? words.schedule
          : words[name],
    input: (name) => {
      if (!isText(name)) return {};
      return {
        autoComplete: 'off',
        ...TEXT_INPUTS[name],
        'aria-describedby': describedBy(kit, words, name),
        value: values[name],
        onChange: (event) => set(name, event.currentTarget.value),
      };
    },
    submit: connection ? words.save : words.connect,
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
        data-catalyst="directory-settings-form"
        data-state={ctx.saving ? 'pending' : error ? 'error' : 'idle'}
        data-provider={values.provider}
        aria-busy={ctx.saving || undefined}
        {...props}
        onSubmit={onSubmit}
      >
        {children}
      </form>
    </Kit.Provider>
  );
}

/** "Connect a directory" or "Directory settings": the form's heading and name. */
export function FormTitle({ asChild, children, ...props }: ParagraphProps) {
  const ctx = root.use('FormTitle');
  const kit = kitOf.use('FormTitle');
  return (
    <Primitive.p
      asChild={asChild}
      id={`${ctx.id}-form-title`}
      data-catalyst="directory-settings-form-title"
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
