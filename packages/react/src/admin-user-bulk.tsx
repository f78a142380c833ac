'use client';
import type { AdminBulkInput, ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { LiveStatus } from './account-parts.js';
import {
  BanFields,
  ConfirmAction,
  isoOrNull,
  StepField,
  textOrNull,
} from './admin-user-confirm.js';
import { adminPanel } from './admin-user-context.js';
import { readable } from './admin-user-parts.js';
import type { UserAdminPanelWords } from './admin-words.js';
import { ErrorAlert, fill } from './key-parts.js';
import type { AdminBulkResults } from './use-admin-users.js';

/**
 * The bulk bar: what the selection is, and one action for all of it (ban, unban, add or remove a
 * label, sign out, delete), each behind a confirm step; then how many it worked for and why it
 * did not for the others. For admins only.
 */

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type Words = keyof UserAdminPanelWords;

interface BulkChoice {
  kind: 'ban' | 'unban' | 'add-label' | 'remove-label' | 'sign-out' | 'delete';
  text: Words;
  question: Words;
  /** The bulk request, from the confirm step's fields (null: not ready to send). */
  input(form: FormData): Omit<AdminBulkInput, 'userIds'> | null;
}

const label = (form: FormData) => textOrNull(form.get('label'));

const CHOICES: BulkChoice[] = [
  {
    kind: 'ban',
    text: 'bulkBan',
    question: 'confirmBulkBan',
    input: (form) => ({
      action: 'ban',
      reason: textOrNull(form.get('reason')),
      expiresAt: isoOrNull(form.get('expiresAt')),
    }),
  },
  {
    kind: 'unban',
    text: 'bulkUnban',
    question: 'confirmBulkUnban',
    input: () => ({ action: 'unban' }),
  },
  {
    kind: 'add-label',
    text: 'bulkAddLabel',
    question: 'confirmBulkAddLabel',
    input: (form) => (label(form) ? { action: 'label', addLabels: [label(form)!] } : null),
  },
  {
    kind: 'remove-label',
    text: 'bulkRemoveLabel',
    question: 'confirmBulkRemoveLabel',
    input: (form) => (label(form) ? { action: 'label', removeLabels: [label(form)!] } : null),
  },
  {
    kind: 'sign-out',
    text: 'bulkSignOut',
    question: 'confirmBulkSignOut',
    input: () => ({ action: 'signOut' }),
  },
  {
    kind: 'delete',
    text: 'bulkDelete',
    question: 'confirmBulkDelete',
    input: () => ({ action: 'delete' }),
  },
];

/**
 * Rendered for admins while users are selected (and after an action, to report it):
 * `role="region"`, `data-state="idle|pending"`, the count, the actions, "Clear selection", and
 * the outcome (`user-admin-bulk-result`, with each refusal and its code).
 */
export function BulkBar({ children, ...props }: DivProps) {
  const ctx = adminPanel.use('BulkBar');
  // The results, with the emails of the users as they were (a deleted one leaves the list).
  const [outcome, setOutcome] = React.useState<{
    results: AdminBulkResults;
    emails: Map<string, string>;
  } | null>(null);
  const [error, setError] = React.useState<ClientError | null>(null);
  const n = ctx.selected.size;
  if (!ctx.canWrite || !readable(ctx) || (n === 0 && !outcome && !error)) return null;
  const { words } = ctx;
  const failures = outcome?.results.filter((r) => !r.ok) ?? [];
  const summary =
    outcome &&
    fill(words.bulkDone, {
      ok: String(outcome.results.length - failures.length),
      failed: String(failures.length),
    });
  return (
    <Primitive.div
      role="region"
      aria-label={words.bulkLabel}
      data-catalyst="user-admin-bulk"
      data-state={ctx.bulkPending ? 'pending' : 'idle'}
      {...props}
    >
      {n > 0 && (
        <>
          <p data-catalyst="user-admin-selected">{fill(words.selected, { n: String(n) })}</p>
          {CHOICES.map((choice) => (
            <ConfirmAction
              key={choice.kind}
              catalyst={`user-admin-bulk-${choice.kind}`}
              text={words[choice.text]}
              question={fill(words[choice.question], { n: String(n) })}
              submit={words.confirm}
              cancel={words.cancel}
              pending={ctx.bulkPending}
              fields={
                choice.kind === 'ban' ? (
                  <BanFields id={`${ctx.id}-bulk-ban`} />
                ) : choice.kind.endsWith('label') ? (
                  <StepField
                    id={`${ctx.id}-bulk-${choice.kind}`}
                    name="label"
                    label={words.label}
                    required
                    maxLength={200}
                  />
                ) : null
              }
              onConfirm={async (form) => {
                const input = choice.input(form);
                if (!input) return false;
                setError(null);
                setOutcome(null);
                const emails = new Map(ctx.users.map((u) => [u.id, u.email]));
                const result = await ctx.bulk(input);
                if (!result.ok) setError(result.error);
                else setOutcome({ results: result.data.results, emails });
                return result.ok;
              }}
            />
          ))}{' '}
          <button
            type="button"
            data-catalyst="user-admin-clear-selection"
            onClick={ctx.clearSelection}
          >
            {words.clearSelection}
          </button>
        </>
      )}
      {children}
      <LiveStatus catalyst="user-admin-bulk-result" text={summary} />
      {failures.length > 0 && (
        <ul data-catalyst="user-admin-bulk-failures">
          {failures.map((r) => (
            <li key={r.userId} data-code={r.code}>
              {fill(words.bulkFailure, {
                user: outcome?.emails.get(r.userId) ?? r.userId,
                code: r.code ?? '',
              })}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={error} catalyst="user-admin-bulk-error" />
    </Primitive.div>
  );
}
