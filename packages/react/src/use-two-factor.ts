'use client';
import type {
  ClientError,
  Result,
  SecondFactorMethod,
  SessionPayload,
  StepUpProof,
} from '@catalyst/authkit';
import * as React from 'react';
import { useRequest } from './account-kit.js';
import { useAuthClient } from './hooks.js';
import { getPasskeyAssertion, withPasskey } from './webauthn.js';

/** `sign-in`: finish a sign-in that answered `{ mfaRequired: true }`; `step-up`: prove a recent factor. */
export type TwoFactorMode = 'sign-in' | 'step-up';

/**
 * What the field takes: an authenticator code, a recovery code, or the password (a step-up of an
 * account that has no second factor).
 */
export type TwoFactorInput = 'totp' | 'recovery_code' | 'password';

/** `loading` while a step-up asks which factors the account has; `success` once proved. */
export type TwoFactorState = 'loading' | 'idle' | 'pending' | 'error' | 'success';

export interface UseTwoFactorOptions {
  mode?: TwoFactorMode;
  /**
   * The factors on offer (a sign-in's `MfaChallenge.methods`; default TOTP and recovery codes).
   * Omitted in `step-up` mode: asked of the server (`GET /me/mfa`); none there means the
   * password proves it.
   */
  methods?: readonly SecondFactorMethod[];
}

export interface UseTwoFactorResult {
  state: TwoFactorState;
  mode: TwoFactorMode;
  /** The factors on offer (empty until known). */
  methods: readonly SecondFactorMethod[];
  /** The field's kind; null when a passkey is the only factor on offer. */
  input: TwoFactorInput | null;
  /** Switches between the authenticator code and a recovery code. */
  setInput(input: TwoFactorInput): void;
  pending: boolean;
  error: ClientError | null;
  /** Proves with what the field holds (`input` says how it is read). */
  submit(value: string): Promise<Result<SessionPayload>>;
  /** Proves with a passkey: the server's options, the browser's prompt, the answer. */
  passkey(): Promise<Result<SessionPayload>>;
  canUsePasskey: boolean;
  canUseRecoveryCode: boolean;
}

const SIGN_IN_DEFAULT: readonly SecondFactorMethod[] = ['totp', 'recovery_code'];

/** The field a challenge opens with; none when a passkey is the only way (a button, no field). */
const firstInput = (methods: readonly SecondFactorMethod[]): TwoFactorInput | null =>
  methods.includes('totp')
    ? 'totp'
    : methods.includes('recovery_code')
      ? 'recovery_code'
      : methods.length === 0
        ? 'password'
        : null;

/** The second-factor challenge (or a step-up) with its state: the hook under `<TwoFactor>`. */
export function useTwoFactor({
  mode = 'sign-in',
  methods,
}: UseTwoFactorOptions = {}): UseTwoFactorResult {
  const client = useAuthClient();
  const request = useRequest();
  const [loaded, setLoaded] = React.useState<readonly SecondFactorMethod[] | null>(null);
  const [loadError, setLoadError] = React.useState<ClientError | null>(null);
  const [chosen, setInput] = React.useState<TwoFactorInput | null>(null);
  const [success, setSuccess] = React.useState(false);
  const asks = mode === 'step-up' && methods === undefined;
  // A sign-in without a challenge offers what most accounts have.
  const known = methods ?? (asks ? loaded : SIGN_IN_DEFAULT);

  React.useEffect(() => {
    if (!asks) return;
    let live = true;
    void client.mfa.status().then((result) => {
      if (!live) return;
      if (result.ok) setLoaded(result.data.methods);
      else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [asks, client]);

  const { run } = request;
  const prove = React.useCallback(
    async (proof: StepUpProof | (() => Promise<Result<SessionPayload>>)) => {
      const result = await run(() =>
        typeof proof === 'function'
          ? proof()
          : mode === 'step-up'
            ? client.stepUp(proof)
            : client.secondFactor(proof as Exclude<StepUpProof, { password: string }>),
      );
      if (result.ok) setSuccess(true);
      return result;
    },
    [client, mode, run],
  );

  const offered = known ?? [];
  // No field until the factors are known (a failed lookup shows no password field either).
  const input = known ? (chosen ?? firstInput(known)) : null;
  const submit = React.useCallback(
    (value: string) => {
      const text = value.trim();
      if (input === 'password') return prove({ password: value });
      if (input === 'recovery_code') return prove({ recoveryCode: text });
      return prove({ code: text.replace(/\s+/g, '') });
    },
    [input, prove],
  );
  const passkey = React.useCallback(
    () =>
      prove(() =>
        withPasskey(
          () => client.passkeys.authenticationOptions(),
          getPasskeyAssertion,
          (response) =>
            mode === 'step-up'
              ? client.stepUp({ passkey: response })
              : client.secondFactor({ passkey: response }),
        ),
      ),
    [client, mode, prove],
  );

  const error = request.error ?? loadError;
  return {
    state:
      asks && !known && !loadError
        ? 'loading'
        : request.pending
          ? 'pending'
          : success
            ? 'success'
            : error
              ? 'error'
              : 'idle',
    mode,
    methods: offered,
    input,
    setInput,
    pending: request.pending,
    error,
    submit,
    passkey,
    canUsePasskey: offered.includes('passkey'),
    canUseRecoveryCode: offered.includes('recovery_code') && offered.includes('totp'),
  };
}
