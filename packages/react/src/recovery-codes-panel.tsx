'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { CopyButton } from './account-parts.js';
import type { RecoveryCodesWords } from './security-words.js';

export interface RecoveryCodesPanelProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.div>,
  'children'
> {
  codes: readonly string[];
  words: RecoveryCodesWords;
  /** The last button: "I have saved them" (or the caller's word for it, e.g. "Continue"). */
  done?: string;
  onDone?: () => void;
}

/** The downloaded file's contents: a header, then one code a line. */
const fileOf = (header: string, codes: readonly string[]) => `${header}\n\n${codes.join('\n')}\n`;

/**
 * Recovery codes on show, once (`data-catalyst="recovery-codes-shown"`): the warning (the
 * group's name, and the focus when it appears), the list, copy, download (a `data:` link, no
 * script) and done. Used by `<TotpSetup>` after enrolment and by `<RecoveryCodes>` after a
 * regeneration.
 */
export function RecoveryCodesPanel({
  codes,
  words,
  done,
  onDone,
  ...props
}: RecoveryCodesPanelProps) {
  const id = React.useId();
  const group = React.useRef<HTMLDivElement>(null);
  const first = codes[0];
  React.useLayoutEffect(() => {
    group.current?.focus();
  }, [first]);
  const text = fileOf(words.fileHeader, codes);
  return (
    <Primitive.div
      ref={group}
      role="group"
      tabIndex={-1}
      aria-labelledby={`${id}-once`}
      data-catalyst="recovery-codes-shown"
      {...props}
    >
      <p id={`${id}-once`} data-catalyst="recovery-codes-once">
        {words.once}
      </p>
      <ol aria-label={words.listLabel} data-catalyst="recovery-codes-list">
        {codes.map((code) => (
          <li key={code} data-catalyst="recovery-code">
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <CopyButton catalyst="recovery-codes-copy" value={codes.join('\n')} words={words} />{' '}
      <a
        href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
        download="recovery-codes.txt"
        data-catalyst="recovery-codes-download"
      >
        {words.download}
      </a>{' '}
      {onDone && (
        <button type="button" data-catalyst="recovery-codes-done" onClick={onDone}>
          {done ?? words.done}
        </button>
      )}
    </Primitive.div>
  );
}

export const RECOVERY_CODES_WORDS: RecoveryCodesWords = {
  title: 'Recovery codes',
  loading: 'Loading recovery codes…',
  forbidden: 'Sign in to manage your recovery codes.',
  remaining: '{n} recovery codes left.',
  remainingOne: '1 recovery code left.',
  noneRemaining: 'You have no recovery codes left. Generate new ones.',
  notEnabled:
    'Recovery codes come with two-factor authentication: set up an authenticator app first.',
  once: 'Save these recovery codes somewhere safe. Each works once, and you will not see them again.',
  listLabel: 'Your recovery codes',
  copy: 'Copy codes',
  copied: 'Copied.',
  copyFailed: 'Copy failed: select the codes and copy them.',
  download: 'Download',
  fileHeader: 'Recovery codes: each works once in place of a code from your authenticator app.',
  done: 'I have saved them',
  regenerate: 'Generate new codes',
  regenerateWarning: 'Your current recovery codes will stop working.',
  confirmRegenerate: 'Generate new codes',
  cancel: 'Cancel',
};
