'use client';
import type { ClientError, Result } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { fillIn, LiveStatus } from './account-parts.js';
import { profileMutations } from './data/profile-resources.js';
import { useAction } from './data/use-resource.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useAuthClient } from './hooks.js';
import { useWords } from './localization.js';
import { USER_PROFILE_WORDS, type UserProfileWords } from './profile-words.js';

export type ChangePasswordField = 'currentPassword' | 'newPassword';

export interface UseChangePasswordResult {
  /** `POST /change-password`: every other session is signed out; this one stays. */
  change(input: Record<ChangePasswordField, string>): Promise<Result<{ revokedSessions: number }>>;
  pending: boolean;
  /** `invalid_credentials` on `currentPassword`, `weak_password` on `newPassword`, … */
  error: ClientError | null;
  /** How many other sessions the last change signed out; null before one succeeded. */
  revokedSessions: number | null;
}

export function useChangePassword(): UseChangePasswordResult {
  const client = useAuthClient();
  const action = useAction(profileMutations.password.change(client));
  const [revoked, setRevoked] = React.useState<number | null>(null);
  const { run } = action;
  const change = React.useCallback(
    async (input: Record<ChangePasswordField, string>) => {
      setRevoked(null);
      const result = await run(input);
      if (result.ok) setRevoked(result.data.revokedSessions);
      return result;
    },
    [run],
  );
  return { change, pending: action.pending, error: action.error, revokedSessions: revoked };
}

interface Context extends FormKit<ChangePasswordField> {
  words: UserProfileWords;
  revokedSessions: number | null;
}

const context = lazyContext<Context>('ChangePassword');
const EMPTY = { currentPassword: '', newPassword: '' };

export interface ChangePasswordProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.form>,
  'onSubmit' | 'onError'
> {
  onChanged?: (result: { revokedSessions: number }) => void;
  onError?: (error: ClientError) => void;
}

/** The form; `data-state="idle|pending|error"`. The inputs are emptied after a change. */
function Root({ onChanged, onError, ...props }: ChangePasswordProps) {
  const hook = useChangePassword();
  const words = useWords('userProfile', USER_PROFILE_WORDS);
  const id = React.useId();
  const [values, setValues] = React.useState(EMPTY);
  const kit: Context = {
    id,
    pending: hook.pending,
    readOnly: false,
    error: hook.error,
    isField: (field) => field in EMPTY,
    label: (name) => words[name],
    input: (name) => ({
      type: 'password',
      autoComplete: name === 'currentPassword' ? 'current-password' : 'new-password',
      required: true,
      value: values[name],
      onChange: (event) => {
        const value = event.currentTarget.value;
        setValues((current) => ({ ...current, [name]: value }));
      },
    }),
    submit: words.changePassword,
    words,
    revokedSessions: hook.revokedSessions,
  };
  const Provider = context.get().Provider;
  return (
    <Provider value={kit}>
      <Primitive.form
        noValidate
        aria-label={words.changePassword}
        data-catalyst="change-password"
        data-state={hook.pending ? 'pending' : hook.error ? 'error' : 'idle'}
        {...props}
        onSubmit={async (event: React.FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          const result = await hook.change(values);
          if (!result.ok) return onError?.(result.error);
          setValues(EMPTY);
          onChanged?.(result.data);
        }}
      />
    </Provider>
  );
}

const parts = makeFormParts<ChangePasswordField>(context.use);

/** A live region that says the password changed, and how many other devices were signed out. */
function Changed(props: React.ComponentProps<typeof Primitive.p>) {
  const kit = context.use('Changed');
  const n = kit.revokedSessions;
  const text = n === null ? null : fillIn(kit.words.passwordChanged, { n: String(n) });
  return <LiveStatus catalyst="change-password-done" text={text} {...props} />;
}

function Row({ name }: { name: ChangePasswordField }) {
  return (
    <div data-catalyst="field" data-name={name}>
      <parts.Label name={name} />
      <parts.Field name={name} />
      <parts.Error field={name} />
    </div>
  );
}

function DefaultChangePassword(props: ChangePasswordProps) {
  return (
    <Root {...props}>
      <Row name="currentPassword" />
      <Row name="newPassword" />
      <parts.Error />
      <parts.Submit />
      <Changed />
    </Root>
  );
}

/**
 * `<ChangePassword />`: the current and a new password; every other device is signed out.
 * Compose your own from `ChangePassword.Root`, `.Label`, `.Field`, `.Error`, `.Submit` and
 * `.Changed` (fields `currentPassword` and `newPassword`).
 */
export const ChangePassword = Object.assign(DefaultChangePassword, {
  Root,
  ...parts,
  Changed,
});
