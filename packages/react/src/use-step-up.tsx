'use client';
import type { Result, SecondFactorMethod } from '@catalyst/authkit';
import * as React from 'react';
import { codeOf } from './account-kit.js';
import { TwoFactor } from './two-factor.js';

export interface UseStepUpOptions {
  /** The factors to offer; default: asked of the server when the prompt opens. */
  methods?: readonly SecondFactorMethod[];
}

export interface UseStepUpResult {
  /**
   * Runs `call`; when it answers `step_up_required`, shows the prompt and, once the factor is
   * proved, runs it again. Resolves with the last answer (the `step_up_required` failure when
   * the person cancels).
   */
  run<T>(call: () => Promise<Result<T>>): Promise<Result<T>>;
  /** Whether the prompt is waiting for a factor. */
  required: boolean;
  /** `<TwoFactor mode="step-up">` while required, else null: render it where it should appear. */
  prompt: React.ReactNode;
  /** Closes the prompt; the waiting `run` resolves with `step_up_required`. */
  cancel(): void;
}

/**
 * Recent authentication for sensitive calls (RFC 9470): the server answers `step_up_required`
 * when the last sign-in or step-up is older than its limit. Focus returns to where it was once
 * the prompt closes.
 */
export function useStepUp({ methods }: UseStepUpOptions = {}): UseStepUpResult {
  const [waiting, setWaiting] = React.useState<((proved: boolean) => void) | null>(null);
  const returnFocus = React.useRef<HTMLElement | null>(null);

  const run = React.useCallback(async <T,>(call: () => Promise<Result<T>>) => {
    const first = await call();
    if (first.ok || codeOf(first.error) !== 'step_up_required') return first;
    returnFocus.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const proved = await new Promise<boolean>((resolve) => setWaiting(() => resolve));
    setWaiting(null);
    return proved ? call() : first;
  }, []);

  React.useEffect(() => {
    if (waiting || !returnFocus.current) return;
    if (returnFocus.current.isConnected) returnFocus.current.focus();
    returnFocus.current = null;
  }, [waiting]);

  const cancel = React.useCallback(() => waiting?.(false), [waiting]);
  return {
    run,
    required: waiting !== null,
    prompt: waiting ? (
      <TwoFactor
        mode="step-up"
        disableRedirect
        {...(methods ? { methods } : {})}
        onComplete={() => waiting(true)}
        onCancel={() => waiting(false)}
      />
    ) : null,
    cancel,
  };
}
