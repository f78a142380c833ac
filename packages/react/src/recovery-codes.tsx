'use client';
import type { ClientError, RecoveryCodes as Codes, Result } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import {
  fillIn,
  PartButton,
  PartText,
  type DivProps,
  type ParagraphProps,
} from './account-parts.js';
import { accountQueries } from './data/account-resources.js';
import type { DataState } from './data/core.js';
import { lazyContext } from './form-kit.js';
import { useAuthClient } from './hooks.js';
import { ErrorAlert, stateOnly } from './key-parts.js';
import { useWords } from './localization.js';
import { RECOVERY_CODES_WORDS, RecoveryCodesPanel } from './recovery-codes-panel.js';
import type { RecoveryCodesWords } from './security-words.js';
import { useInvalidate, useMfaStatus } from './use-passkeys.js';
import { useStepUp, type UseStepUpResult } from './use-step-up.js';
import { ConfirmGroup } from './webhook-parts.js';

export interface UseRecoveryCodesResult {
  /** `empty` without a second factor (no codes to have); `forbidden` signed out. */
  state: DataState;
  /** Codes not used yet (null until known). */
  remaining: number | null;
  error: ClientError | null;
  /**
   * Ten new codes (the old ones stop working), in the answer only. Needs a recent sign-in: may
   * answer `step_up_required` (run it through `useStepUp`).
   */
  regenerate(): Promise<Result<Codes>>;
  regenerating: boolean;
}

/** The caller's recovery codes: how many are left, and a new set. */
export function useRecoveryCodes(): UseRecoveryCodesResult {
  const client = useAuthClient();
  const status = useMfaStatus();
  const invalidate = useInvalidate();
  const [regenerating, setRegenerating] = React.useState(false);
  const regenerate = React.useCallback(async () => {
    setRegenerating(true);
    try {
      return await client.mfa.regenerateRecoveryCodes();
    } finally {
      setRegenerating(false);
      await invalidate(accountQueries.mfa.all);
    }
  }, [client, invalidate]);
  return {
    state: status.state,
    remaining: status.status?.recoveryCodes.remaining ?? null,
    error: status.error,
    regenerate,
    regenerating,
  };
}

interface CodesContext extends UseRecoveryCodesResult {
  id: string;
  words: RecoveryCodesWords;
  stepUp: UseStepUpResult;
  codes: string[] | null;
  setCodes(codes: string[] | null): void;
}

const context = lazyContext<CodesContext>('RecoveryCodes');

export type RecoveryCodesProps = DivProps;

/** `data-state="loading|empty|error|ready|forbidden"`. */
function Root(props: DivProps) {
  const hook = useRecoveryCodes();
  const words = useWords('recoveryCodes', RECOVERY_CODES_WORDS);
  const stepUp = useStepUp();
  const id = React.useId();
  const [codes, setCodes] = React.useState<string[] | null>(null);
  const Context = context.get();
  return (
    <Context.Provider value={{ ...hook, id, words, stepUp, codes, setCodes }}>
      <Primitive.div
        role="group"
        aria-labelledby={`${id}-title`}
        data-catalyst="recovery-codes"
        data-state={hook.state}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function Title(props: ParagraphProps) {
  const ctx = context.use('Title');
  return (
    <PartText
      id={`${ctx.id}-title`}
      catalyst="recovery-codes-title"
      text={ctx.words.title}
      {...props}
    />
  );
}

const Loading = stateOnly('loading', 'recovery-codes', context.use, 'Loading');
const Forbidden = stateOnly('forbidden', 'recovery-codes', context.use, 'Forbidden');

/** Without a second factor: recovery codes come with one. */
function Empty(props: ParagraphProps) {
  const ctx = context.use('Empty');
  if (ctx.state !== 'empty') return null;
  return <PartText catalyst="recovery-codes-empty" text={ctx.words.notEnabled} {...props} />;
}

function ErrorPart(props: ParagraphProps) {
  const ctx = context.use('Error');
  return ctx.state === 'error' ? (
    <ErrorAlert error={ctx.error} catalyst="recovery-codes-error" {...props} />
  ) : null;
}

/** How many codes are left, `data-remaining` holding the number. */
function Remaining(props: ParagraphProps) {
  const ctx = context.use('Remaining');
  if (ctx.state !== 'ready' || ctx.remaining === null) return null;
  const n = ctx.remaining;
  const text =
    n === 0
      ? ctx.words.noneRemaining
      : n === 1
        ? ctx.words.remainingOne
        : fillIn(ctx.words.remaining, { n: String(n) });
  return <PartText catalyst="recovery-codes-remaining" data-remaining={n} text={text} {...props} />;
}

/** "Generate new codes", then an inline confirmation; a step-up prompt when the server asks. */
function Regenerate(props: React.ComponentPropsWithoutRef<typeof Primitive.button>) {
  const ctx = context.use('Regenerate');
  const [asking, setAsking] = React.useState(false);
  if (ctx.state !== 'ready' || ctx.codes) return null;
  if (!asking)
    return (
      <PartButton
        catalyst="recovery-codes-regenerate"
        text={ctx.words.regenerate}
        onPress={() => setAsking(true)}
        {...props}
      />
    );
  return (
    <>
      <ConfirmGroup
        catalyst="recovery-codes-confirm"
        label={ctx.words.regenerate}
        warning={ctx.words.regenerateWarning}
        confirm={ctx.words.confirmRegenerate}
        cancel={ctx.words.cancel}
        pending={ctx.regenerating || ctx.stepUp.required}
        onClose={() => setAsking(false)}
        onConfirm={async () => {
          const result = await ctx.stepUp.run(ctx.regenerate);
          if (!result.ok) return result.error;
          setAsking(false);
          ctx.setCodes(result.data.recoveryCodes);
          return null;
        }}
      />
      {ctx.stepUp.prompt}
    </>
  );
}

/** The new codes, once, until "I have saved them". */
function Shown(props: Omit<DivProps, 'children'>) {
  const ctx = context.use('Codes');
  if (!ctx.codes) return null;
  return (
    <RecoveryCodesPanel
      codes={ctx.codes}
      words={ctx.words}
      onDone={() => ctx.setCodes(null)}
      {...props}
    />
  );
}

function DefaultRecoveryCodes(props: RecoveryCodesProps) {
  return (
    <Root {...props}>
      <Title />
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Remaining />
      <Regenerate />
      <Shown />
    </Root>
  );
}

/**
 * `<RecoveryCodes />`: how many recovery codes are left, and a new set (which needs a recent
 * sign-in: the step-up prompt shows when the server asks), shown once with copy and download.
 * Compose your own from `RecoveryCodes.Root`, `.Title`, `.Loading`, `.Forbidden`, `.Error`,
 * `.Empty`, `.Remaining`, `.Regenerate` and `.Codes`; `RecoveryCodes.Panel` shows codes you hold.
 */
export const RecoveryCodes = Object.assign(DefaultRecoveryCodes, {
  Root,
  Title,
  Loading,
  Forbidden,
  Error: ErrorPart,
  Empty,
  Remaining,
  Regenerate,
  Codes: Shown,
  Panel: RecoveryCodesPanel,
});
