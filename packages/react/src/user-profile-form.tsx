'use client';
import type { ClientError, Profile } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { LiveStatus, PartText } from './account-parts.js';
import { stateOnly } from './key-parts.js';
import { fieldDomId, lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useWords } from './localization.js';
import { USER_PROFILE_WORDS, type UserProfileWords } from './profile-words.js';
import { useProfile, type UseProfileResult } from './use-profile.js';
import {
  CUSTOM,
  HINTS,
  inputProps,
  patchOf,
  valuesOf,
  type Described,
  type UserProfileFieldName,
  type Values,
} from './user-profile-values.js';

export type { ProfileFieldDescription, UserProfileFieldName } from './user-profile-values.js';

interface FormContext extends FormKit<UserProfileFieldName> {
  profile: UseProfileResult;
  words: UserProfileWords;
  fields: Described;
  values: Values | null;
  state: UseProfileResult['state'];
}

const context = lazyContext<FormContext>('UserProfileForm');

export interface UserProfileFormProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.form>,
  'onSubmit' | 'onError'
> {
  /** Your custom fields (`profileFields` on the server), by name, with their labels. */
  fields?: Described;
  /**
   * Whose profile: yours by default (`useProfile()`); pass `useAdminProfile(userId)` to edit
   * another user's as a platform admin.
   */
  profile?: UseProfileResult;
  /** Shows the values with every input and the submit button disabled (support staff). */
  readOnly?: boolean;
  onSaved?: (profile: Profile) => void;
  onError?: (error: ClientError) => void;
}

const NO_FIELDS: Described = {};

/** Loads the profile and holds the form's values; `data-state` is the load's. */
function Root({ profile, ...props }: UserProfileFormProps) {
  return profile ? <FormRoot {...props} profile={profile} /> : <OwnRoot {...props} />;
}

/** Without a `profile` prop: the signed-in user's own. */
function OwnRoot(props: Omit<UserProfileFormProps, 'profile'>) {
  return <FormRoot {...props} profile={useProfile()} />;
}

function FormRoot({
  fields = NO_FIELDS,
  profile,
  readOnly = false,
  onSaved,
  onError,
  ...props
}: UserProfileFormProps & { profile: UseProfileResult }) {
  const words = useWords('userProfile', USER_PROFILE_WORDS);
  const id = React.useId();
  const loaded = profile.profile;
  // (Re)filled when the server's record changes (first load, a save), during render so no frame
  // shows a ready form without values; a refetch of the same version keeps the edits.
  const version = loaded ? `${loaded.userId}@${loaded.updatedAt}` : null;
  const [values, setValues] = React.useState(() => (loaded ? valuesOf(loaded, fields) : null));
  const [filledFrom, setFilledFrom] = React.useState(version);
  if (version !== filledFrom) {
    setFilledFrom(version);
    setValues(loaded ? valuesOf(loaded, fields) : null);
  }
  const set = (name: string, value: string | boolean) =>
    setValues((current) => (current ? { ...current, [name]: value } : current));

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!values || readOnly) return;
    const result = await profile.save(patchOf(values, fields));
    if (result.ok) onSaved?.(result.data);
    else onError?.(result.error);
  };

  const error = profile.saveError ?? profile.error;
  const kit: FormContext = {
    id,
    pending: profile.saving,
    readOnly,
    error,
    isField: (field) => field in (values ?? {}),
    label: (name) =>
      name.startsWith(CUSTOM)
        ? (fields[name.slice(CUSTOM.length)]?.label ?? name)
        : words[name as 'name' | 'locale' | 'timezone'],
    input: (name) => inputProps(name, { values, fields, set, id, invalid: error?.field === name }),
    submit: words.submit,
    profile,
    words,
    fields,
    values,
    state: profile.state,
  };
  const Context = context.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        data-catalyst="user-profile-form"
        data-state={profile.state}
        aria-busy={profile.state === 'loading' || profile.saving || undefined}
        {...props}
        onSubmit={onSubmit}
      />
    </Context.Provider>
  );
}

const kitParts = makeFormParts<UserProfileFieldName>(context.use);

type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

/** Renders its children only once the profile is loaded. */
function Fields({ asChild, ...props }: React.ComponentPropsWithoutRef<typeof Primitive.div>) {
  const kit = context.use('Fields');
  if (!kit.values || kit.state !== 'ready') return null;
  return <Primitive.div asChild={asChild} data-catalyst="user-profile-fields" {...props} />;
}

/** The email, shown read-only (a change of email is its own flow, with a link to the new one). */
function Email(props: Omit<React.ComponentPropsWithoutRef<'input'>, 'value'>) {
  const kit = context.use('Email');
  const id = fieldDomId(kit.id, 'email');
  return (
    <div data-catalyst="field" data-name="email">
      <label htmlFor={id} data-catalyst="label">
        {kit.words.email}
      </label>
      <input
        id={id}
        type="email"
        readOnly
        value={kit.profile.profile?.email ?? ''}
        data-catalyst="input"
        data-readonly=""
        {...props}
      />
    </div>
  );
}

/** The hint under the locale or time zone input (the input is described by it). */
function Hint({ name, ...props }: ParagraphProps & { name: 'locale' | 'timezone' }) {
  const kit = context.use('Hint');
  const words = HINTS[name];
  if (!words) return null;
  return (
    <PartText
      id={`${fieldDomId(kit.id, name)}-hint`}
      catalyst="hint"
      text={kit.words[words]}
      {...props}
    />
  );
}

/** The time zones the runtime knows, as suggestions for the time zone input (`<datalist>`). */
function TimeZones() {
  const kit = context.use('TimeZones');
  const zones = React.useMemo(
    () => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []),
    [],
  );
  return (
    <datalist id={`${kit.id}-timezones`} data-catalyst="user-profile-timezones">
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}

/** An `enum` custom field as a `<select>`, its first choice empty (clears the field). */
function Select({
  name,
  ...props
}: React.ComponentPropsWithoutRef<'select'> & { name: `fields.${string}` }) {
  const kit = context.use('Select');
  const spec = kit.fields[name.slice(CUSTOM.length)];
  const invalid = kit.error?.field === name;
  const base = fieldDomId(kit.id, name);
  const input = kit.input(name);
  return (
    <select
      id={base}
      name={name}
      disabled={kit.pending || kit.readOnly}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${base}-error` : undefined}
      data-catalyst="input"
      data-invalid={invalid ? '' : undefined}
      value={typeof input.value === 'string' ? input.value : ''}
      onChange={(event) =>
        input.onChange?.(event as unknown as React.ChangeEvent<HTMLInputElement>)
      }
      {...props}
    >
      <option value="">{kit.words.noChoice}</option>
      {(spec?.type === 'enum' ? spec.values : []).map((value) => (
        <option key={value} value={value}>
          {value}
        </option>
      ))}
    </select>
  );
}

/** One field with its label, input, hint and error: what the default form shows per field. */
function FieldRow({ name }: { name: UserProfileFieldName }) {
  const kit = context.use('FieldRow');
  const spec = name.startsWith(CUSTOM) ? kit.fields[name.slice(CUSTOM.length)] : undefined;
  const field =
    spec?.type === 'enum' ? (
      <Select name={name as `fields.${string}`} />
    ) : (
      <kitParts.Field name={name} />
    );
  const checkbox = spec?.type === 'boolean';
  return (
    <div data-catalyst={checkbox ? 'checkbox' : 'field'} data-name={name}>
      {checkbox && field}
      <kitParts.Label name={name} />
      {!checkbox && field}
      {(name === 'locale' || name === 'timezone') && <Hint name={name} />}
      <kitParts.Error field={name} />
    </div>
  );
}

/** Every custom field you described, one `FieldRow` each (or your render function). */
function CustomFields({ children }: { children?: (name: `fields.${string}`) => React.ReactNode }) {
  const kit = context.use('CustomFields');
  return (
    <>
      {Object.keys(kit.fields).map((field) => {
        const name = `${CUSTOM}${field}` as const;
        return (
          <React.Fragment key={name}>
            {children ? children(name) : <FieldRow name={name} />}
          </React.Fragment>
        );
      })}
    </>
  );
}

/** A live region (`role="status"`) that says "Saved." after a successful save. */
function Saved(props: ParagraphProps) {
  const kit = context.use('Saved');
  if (kit.state !== 'ready') return null;
  const text = kit.profile.saved ? kit.words.saved : null;
  return (
    <LiveStatus
      catalyst="user-profile-saved"
      data-state={kit.profile.saved ? 'saved' : 'idle'}
      text={text}
      {...props}
    />
  );
}

const Loading = stateOnly('loading', 'user-profile-form', context.use, 'Loading');
const Forbidden = stateOnly('forbidden', 'user-profile-form', context.use, 'Forbidden');

function DefaultUserProfileForm(props: UserProfileFormProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <kitParts.Error />
      <Fields>
        <FieldRow name="name" />
        <Email />
        <FieldRow name="locale" />
        <FieldRow name="timezone" />
        <TimeZones />
        <CustomFields />
        <kitParts.Submit />
        <Saved />
      </Fields>
    </Root>
  );
}

/**
 * `<UserProfileForm />`: name, email (read-only), language, time zone and the custom fields you
 * describe in `fields`. Compose your own from `UserProfileForm.Root`, `.Fields`, `.FieldRow`,
 * `.Label`, `.Field`, `.Select`, `.Hint`, `.Error`, `.Email`, `.TimeZones`, `.CustomFields`,
 * `.Submit`, `.Saved`, `.Loading` and `.Forbidden`. Field names are the server's field paths
 * (`name`, `timezone`, `fields.company`), so a refused value shows on its own input.
 */
export const UserProfileForm = Object.assign(DefaultUserProfileForm, {
  Root,
  Fields,
  FieldRow,
  ...kitParts,
  Select,
  Hint,
  Email,
  TimeZones,
  CustomFields,
  Saved,
  Loading,
  Forbidden,
});
