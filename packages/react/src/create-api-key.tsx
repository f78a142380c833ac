'use client';
import type { ApiKey, ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { fieldDomId, lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { ErrorAlert, SecretPanel, secretParts, stateOnly } from './key-parts.js';
import { useWords, type CreateApiKeyWords } from './localization.js';
import { useCreateApiKey, type UseCreateApiKeyResult } from './use-keys.js';

const WORDS: CreateApiKeyWords = {
  loading: 'Loading…',
  forbidden: 'You cannot create API keys here.',
  title: 'New API key',
  name: 'Key name',
  scopes: 'Scopes',
  noScopes: 'There are no scopes you can grant: the key will carry none.',
  expires: 'Expires',
  never: 'Never',
  sevenDays: 'In 7 days',
  thirtyDays: 'In 30 days',
  ninetyDays: 'In 90 days',
  customDate: 'On a date…',
  expiryDate: 'Expiry date',
  dateRequired: 'Choose the date the key expires.',
  oneShot: 'One-shot key',
  oneShotHint: 'Works once, and expires within 15 minutes.',
  submit: 'Create key',
  secret: 'Your new API key',
  secretOnce: 'Copy this key now. You will not see it again.',
  copy: 'Copy key',
  copied: 'Copied.',
  copyFailed: 'Could not copy: select the key and copy it yourself.',
  done: 'Done',
};

export type CreateApiKeyField = 'name' | 'scopes' | 'expiresAt' | 'ephemeral';
export type KeyExpiry = 'never' | '7d' | '30d' | '90d' | 'custom';
const DAYS: Record<Exclude<KeyExpiry, 'custom'>, number | null> = {
  never: null,
  '7d': 7,
  '30d': 30,
  '90d': 90,
};

interface CreateContext extends UseCreateApiKeyResult {
  words: CreateApiKeyWords;
  id: string;
  onCreated: ((key: ApiKey) => void) | undefined;
  onError: ((error: ClientError) => void) | undefined;
}

interface KitContext extends FormKit<CreateApiKeyField> {
  scopes: string[];
  toggleScope(scope: string, on: boolean): void;
  expiry: KeyExpiry;
  setExpiry(expiry: KeyExpiry): void;
  date: string;
  setDate(date: string): void;
  oneShot: boolean;
  setOneShot(on: boolean): void;
}

const create = lazyContext<CreateContext>('CreateApiKey');
const kitOf = lazyContext<KitContext>('CreateApiKey', 'Form');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type FormProps = Omit<React.ComponentPropsWithoutRef<typeof Primitive.form>, 'onSubmit'>;

export interface CreateApiKeyProps extends Omit<DivProps, 'onError'> {
  /** Issue one of an org's keys (needs `keys:manage`); default: one of the caller's own. */
  orgId?: string | null;
  /** The key just issued, without its secret (that stays in this component, shown once). */
  onCreated?: (key: ApiKey) => void;
  onError?: (error: ClientError) => void;
}

/**
 * Knows whose key to issue, the scopes the caller holds and the secret once issued.
 * `data-state`: `loading`, `forbidden` or `ready`; `data-issued` while a secret is shown.
 */
function Root({ orgId, onCreated, onError, ...props }: CreateApiKeyProps) {
  const hook = useCreateApiKey({ orgId });
  const words = useWords('createApiKey', WORDS);
  const id = React.useId();
  const Context = create.get();
  return (
    <Context.Provider value={{ ...hook, words, id, onCreated, onError }}>
      <Primitive.div
        data-catalyst="create-api-key"
        data-state={hook.state}
        data-issued={hook.issued ? '' : undefined}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** `scopes.1` (the server names the scope at fault) belongs to the scopes field. */
const onField = (error: ClientError | null): ClientError | null =>
  error?.field?.startsWith('scopes.') ? { ...error, field: 'scopes' } : error;

/** Until a secret is shown: end of that day, local time, for a custom date. */
function expiresAt(expiry: KeyExpiry, date: string): string | undefined {
  if (expiry === 'custom') return new Date(`${date}T23:59:59.999`).toISOString();
  const days = DAYS[expiry];
  return days === null ? undefined : new Date(Date.now() + days * 86_400_000).toISOString();
}

/** The form; rendered when the caller may issue keys and no secret is being shown. */
function Form({ children, ...props }: FormProps) {
  const ctx = create.use('Form');
  const [name, setName] = React.useState('');
  const [scopes, setScopes] = React.useState<string[]>([]);
  const [expiry, setExpiry] = React.useState<KeyExpiry>('30d');
  const [date, setDate] = React.useState('');
  const [oneShot, setOneShot] = React.useState(false);
  const [local, setLocal] = React.useState<ClientError | null>(null);
  if (ctx.state !== 'ready' || ctx.issued) return null;
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setLocal(null);
    if (!oneShot && expiry === 'custom' && !date) {
      setLocal({
        code: 'invalid_request',
        status: 400,
        message: ctx.words.dateRequired,
        field: 'expiresAt',
      });
      return;
    }
    const until = oneShot ? undefined : expiresAt(expiry, date);
    const result = await ctx.create({
      name: name.trim(),
      scopes,
      ...(until ? { expiresAt: until } : {}),
      ...(oneShot ? { ephemeral: true } : {}),
    });
    if (!result.ok) return ctx.onError?.(result.error);
    setName('');
    setScopes([]);
    setExpiry('30d');
    setDate('');
    setOneShot(false);
    const { secret: _secret, ...key } = result.data;
    ctx.onCreated?.(key);
  };
  const kit: KitContext = {
    id: `${ctx.id}-form`,
    pending: ctx.creating,
    readOnly: false,
    error: local ?? onField(ctx.error),
    isField: (field) => ['name', 'scopes', 'expiresAt', 'ephemeral'].includes(field),
    label: (field) =>
      ({
        name: ctx.words.name,
        scopes: ctx.words.scopes,
        expiresAt: ctx.words.expires,
        ephemeral: ctx.words.oneShot,
      })[field],
    input: (field) =>
      field === 'name'
        ? {
            type: 'text',
            required: true,
            maxLength: 100,
            autoComplete: 'off',
            value: name,
            onChange: (event) => setName(event.currentTarget.value),
          }
        : {},
    submit: ctx.words.submit,
    scopes,
    toggleScope: (scope, on) =>
      setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope))),
    expiry,
    setExpiry,
    date,
    setDate,
    oneShot,
    setOneShot,
  };
  const Kit = kitOf.get();
  return (
    <Kit.Provider value={kit}>
      <Primitive.form
        noValidate
        aria-labelledby={`${ctx.id}-title`}
        data-catalyst="create-api-key-form"
        data-state={ctx.creating ? 'pending' : kit.error ? 'error' : 'idle'}
        aria-busy={ctx.creating || undefined}
        {...props}
        onSubmit={onSubmit}
      >
        {children}
      </Primitive.form>
    </Kit.Provider>
  );
}

const form = makeFormParts<CreateApiKeyField>(kitOf.use);
const errorId = (kit: KitContext, field: CreateApiKeyField) =>
  kit.error?.field === field ? `${fieldDomId(kit.id, field)}-error` : undefined;

/** The form's heading, and its accessible name. */
function Title({ asChild, children, ...props }: ParagraphProps) {
  const ctx = create.use('Title');
  return (
    <Primitive.p
      asChild={asChild}
      id={`${ctx.id}-title`}
      data-catalyst="create-api-key-title"
      {...props}
    >
      {partContent(asChild, children, ctx.words.title)}
    </Primitive.p>
  );
}

/** Checkboxes for the scopes the caller holds (no other scope is offered); none checked first. */
function Scopes(props: Omit<React.ComponentPropsWithoutRef<'fieldset'>, 'children'>) {
  const ctx = create.use('Scopes');
  const kit = kitOf.use('Scopes');
  const described = errorId(kit, 'scopes');
  return (
    <fieldset
      data-catalyst="create-api-key-scopes"
      data-state={ctx.scopesState}
      disabled={kit.pending}
      aria-describedby={described}
      {...props}
    >
      <legend data-catalyst="legend">{ctx.words.scopes}</legend>
      <ErrorAlert error={ctx.scopesError} catalyst="create-api-key-scopes-error" />
      {ctx.scopesState === 'empty' || (ctx.scopesState === 'ready' && ctx.scopes.length === 0) ? (
        <p data-catalyst="create-api-key-no-scopes">{ctx.words.noScopes}</p>
      ) : null}
      {ctx.scopes.map((scope) => {
        const id = `${kit.id}-scope-${scope.name.replace(/\W/g, '-')}`;
        return (
          <div key={scope.name} data-catalyst="checkbox" data-name={scope.name}>
            <input
              id={id}
              type="checkbox"
              name="scopes"
              value={scope.name}
              checked={kit.scopes.includes(scope.name)}
              onChange={(event) => kit.toggleScope(scope.name, event.currentTarget.checked)}
              aria-describedby={scope.description ? `${id}-hint` : undefined}
              data-catalyst="input"
            />
            <label htmlFor={id} data-catalyst="label">
              {scope.name}
            </label>
            {scope.description && (
              <span id={`${id}-hint`} data-catalyst="hint">
                {scope.description}
              </span>
            )}
          </div>
        );
      })}
      <form.Error field="scopes" />
    </fieldset>
  );
}

/** When the key expires: never, in 7, 30 or 90 days, or on a date (end of that day). */
function Expiry(props: Omit<DivProps, 'children'>) {
  const ctx = create.use('Expiry');
  const kit = kitOf.use('Expiry');
  const id = fieldDomId(kit.id, 'expiresAt');
  const described = errorId(kit, 'expiresAt');
  const options: Array<[KeyExpiry, string]> = [
    ['never', ctx.words.never],
    ['7d', ctx.words.sevenDays],
    ['30d', ctx.words.thirtyDays],
    ['90d', ctx.words.ninetyDays],
    ['custom', ctx.words.customDate],
  ];
  const custom = kit.expiry === 'custom' && !kit.oneShot;
  const invalid = (on: boolean) => ({
    'aria-invalid': on && described ? true : undefined,
    'aria-describedby': on ? described : undefined,
    'data-invalid': on && described ? '' : undefined,
  });
  return (
    <Primitive.div data-catalyst="field" data-name="expiresAt" {...props}>
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.expires}
      </label>
      <select
        id={id}
        name="expiry"
        value={kit.expiry}
        disabled={kit.pending || kit.oneShot}
        onChange={(event) => kit.setExpiry(event.currentTarget.value as KeyExpiry)}
        data-catalyst="input"
        {...invalid(!custom)}
      >
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {custom && (
        <>
          <label htmlFor={`${id}-date`} data-catalyst="label">
            {ctx.words.expiryDate}
          </label>
          <input
            id={`${id}-date`}
            type="date"
            name="expiresAt"
            value={kit.date}
            disabled={kit.pending}
            onChange={(event) => kit.setDate(event.currentTarget.value)}
            data-catalyst="input"
            {...invalid(true)}
          />
        </>
      )}
      <form.Error field="expiresAt" />
    </Primitive.div>
  );
}

/** A one-shot key: one use, expiring within 15 minutes (the expiry choice does not apply). */
function OneShot(props: Omit<DivProps, 'children'>) {
  const ctx = create.use('OneShot');
  const kit = kitOf.use('OneShot');
  const id = fieldDomId(kit.id, 'ephemeral');
  return (
    <Primitive.div data-catalyst="checkbox" data-name="ephemeral" {...props}>
      <input
        id={id}
        type="checkbox"
        name="ephemeral"
        checked={kit.oneShot}
        disabled={kit.pending}
        onChange={(event) => kit.setOneShot(event.currentTarget.checked)}
        aria-describedby={`${id}-hint`}
        data-catalyst="input"
      />
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.oneShot}
      </label>
      <span id={`${id}-hint`} data-catalyst="hint">
        {ctx.words.oneShotHint}
      </span>
      <form.Error field="ephemeral" />
    </Primitive.div>
  );
}

/** The issued key's secret, shown once; rendered only between creation and `Done`. */
function Secret(props: DivProps) {
  const ctx = create.use('Secret');
  const issued = ctx.issued;
  const shown = React.useMemo(
    () =>
      issued && {
        id: `${ctx.id}-secret`,
        keyId: issued.id,
        secret: issued.secret,
        label: ctx.words.secret,
        words: ctx.words,
        dismiss: ctx.dismiss,
      },
    [issued, ctx.id, ctx.words, ctx.dismiss],
  );
  return <SecretPanel value={shown} {...props} />;
}

const Loading = stateOnly('loading', 'create-api-key', create.use, 'Loading');
const Forbidden = stateOnly('forbidden', 'create-api-key', create.use, 'Forbidden');

function DefaultCreateApiKey(props: CreateApiKeyProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <Form>
        <Title />
        <form.Error />
        <div data-catalyst="field" data-name="name">
          <form.Label name="name" />
          <form.Field name="name" />
          <form.Error field="name" />
        </div>
        <Scopes />
        <Expiry />
        <OneShot />
        <form.Submit />
      </Form>
      <Secret />
    </Root>
  );
}

/**
 * `<CreateApiKey />` is the default composition. Compose your own from `CreateApiKey.Root`,
 * `.Loading`, `.Forbidden`, `.Form` (with `.Form.Title`, `.Label`, `.Field`, `.Error`,
 * `.Submit`), `.Scopes`, `.Expiry`, `.OneShot`, `.Secret`, `.SecretOnce`, `.SecretValue`,
 * `.Copy` and `.Done`.
 */
export const CreateApiKey = Object.assign(DefaultCreateApiKey, {
  Root,
  Loading,
  Forbidden,
  Form: Object.assign(Form, { Title, ...form }),
  Title,
  Scopes,
  Expiry,
  OneShot,
  Secret,
  ...secretParts,
});
