'use client';
import type { DirectorySyncRun, DirectorySyncStats } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { fillIn, PartButton } from './account-parts.js';
import { root, SKIP_WORDS } from './directory-settings-context.js';
import type { DirectorySettingsWords } from './directory-settings-words.js';
import { ErrorAlert, KeyTime } from './key-parts.js';
import { useLocale } from './localization.js';

/** The sync parts of `DirectorySettings`: the last run, the next one, "Sync now" and its error. */

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentProps<typeof Primitive.button>;

function useCount() {
  const locale = useLocale();
  return React.useMemo(() => {
    const format = new Intl.NumberFormat(locale);
    return (n: number) => format.format(n);
  }, [locale]);
}

/** "12 joined, 1 removed, 3 skipped · groups: 4 created" (group changes only when there are). */
export function runSummary(
  stats: DirectorySyncStats,
  words: DirectorySettingsWords,
  count: (n: number) => string,
): string {
  const members = fillIn(words.runSummary, {
    joined: count(stats.membersAdded),
    removed: count(stats.membersRemoved),
    skipped: count(stats.usersSkipped),
  });
  const groups = (
    [
      [stats.groupsCreated, words.groupsCreated],
      [stats.groupsUpdated, words.groupsUpdated],
      [stats.groupsDeleted, words.groupsDeleted],
      [stats.groupConflicts, words.groupConflicts],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, word]) => fillIn(word, { n: count(n) }));
  return groups.length === 0
    ? members
    : `${members} · ${fillIn(words.groupsSummary, { changes: groups.join(', ') })}`;
}

/** Why users were skipped, one item per reason with its count (named "Skipped"). */
function Skipped({ stats }: { stats: DirectorySyncStats }) {
  const { words } = root.use('LastRun');
  const count = useCount();
  const reasons = Object.entries(stats.skipped).filter(([, n]) => (n ?? 0) > 0);
  if (reasons.length === 0) return null;
  return (
    <ul aria-label={words.skippedTitle} data-catalyst="directory-run-skipped">
      {reasons.map(([reason, n]) => {
        const key = Object.hasOwn(SKIP_WORDS, reason)
          ? SKIP_WORDS[reason as keyof typeof SKIP_WORDS]
          : null;
        return (
          <li key={reason} data-reason={reason}>
            {key ? words[key] : reason}: {count(n ?? 0)}
          </li>
        );
      })}
    </ul>
  );
}

function RunLine({ run }: { run: DirectorySyncRun }) {
  const { words } = root.use('LastRun');
  const status = words[run.status];
  const trigger =
    run.trigger === 'schedule'
      ? words.triggerSchedule
      : run.trigger === 'manual'
        ? words.triggerManual
        : null;
  const when = run.finishedAt ?? run.startedAt;
  return (
    <>
      <span data-catalyst="directory-run-status">
        {trigger ? fillIn(words.runLine, { status, trigger }) : status}
      </span>
      {when && (
        <>
          {', '}
          <KeyTime value={when} relative catalyst="directory-run-time" />
        </>
      )}
    </>
  );
}

/**
 * The last run (`data-status="running|succeeded|failed"`, or none): its status, trigger and
 * time, what it did, why users were skipped, and a failed run's error and code.
 */
export function LastRun(props: Omit<DivProps, 'children'>) {
  const ctx = root.use('LastRun');
  const count = useCount();
  const c = ctx.connection;
  if (ctx.state !== 'ready' || !c) return null;
  const { words } = ctx;
  const run = c.lastRun;
  return (
    <Primitive.div
      data-catalyst="directory-last-run"
      data-status={run?.status ?? 'none'}
      data-trigger={run?.trigger ?? undefined}
      {...props}
    >
      <dl>
        <div data-name="lastRun">
          <dt>{words.lastRun}</dt>
          <dd>{run ? <RunLine run={run} /> : words.neverRun}</dd>
        </div>
        {run?.stats && (
          <div data-name="summary">
            <dt>{words.result}</dt>
            <dd data-catalyst="directory-run-summary">{runSummary(run.stats, words, count)}</dd>
          </div>
        )}
      </dl>
      {run?.stats && <Skipped stats={run.stats} />}
      {run?.status === 'failed' && (
        <p data-catalyst="directory-run-error" data-code={run.errorCode ?? undefined}>
          {fillIn(words.runError, {
            message: run.errorMessage ?? words.failed,
            code: run.errorCode ?? 'unknown',
          })}
        </p>
      )}
    </Primitive.div>
  );
}

/** When the schedule runs next, or why it does not (on demand only, switched off). */
export function NextRun(props: Omit<DivProps, 'children'>) {
  const ctx = root.use('NextRun');
  const c = ctx.connection;
  if (ctx.state !== 'ready' || !c) return null;
  const { words } = ctx;
  return (
    <Primitive.div data-catalyst="directory-next-run" {...props}>
      <dl>
        <div data-name="nextRun">
          <dt>{words.nextRun}</dt>
          <dd>
            {!c.enabled ? (
              words.switchedOff
            ) : c.nextRunAt ? (
              <KeyTime value={c.nextRunAt} relative catalyst="directory-next-run-time" />
            ) : (
              words.notScheduled
            )}
          </dd>
        </div>
      </dl>
    </Primitive.div>
  );
}

/** The sync status of a connected directory: a group named "Sync status" (default: both runs). */
export function Status({ children, ...props }: DivProps) {
  const ctx = root.use('Status');
  if (ctx.state !== 'ready' || !ctx.connection) return null;
  return (
    <Primitive.div
      role="group"
      aria-label={ctx.words.status}
      data-catalyst="directory-status"
      data-enabled={ctx.connection.enabled ? '' : undefined}
      {...props}
    >
      {children ?? (
        <>
          <LastRun />
          <NextRun />
        </>
      )}
    </Primitive.div>
  );
}

/**
 * "Sync now": busy (`data-state="pending"`, "Syncing…") while the run goes, disabled with a
 * reason while the directory is switched off. Announces "Sync finished." when it ends well.
 */
export function SyncNow(props: ButtonProps) {
  const ctx = root.use('SyncNow');
  const c = ctx.connection;
  if (ctx.state !== 'ready' || !c || !ctx.canManage) return null;
  const off = !c.enabled;
  const reason = `${ctx.id}-sync-disabled`;
  return (
    <>
      <PartButton
        catalyst="directory-sync-now"
        text={ctx.syncing ? ctx.words.syncing : ctx.words.syncNow}
        disabled={off || ctx.syncing}
        aria-busy={ctx.syncing || undefined}
        aria-describedby={off ? reason : undefined}
        data-state={ctx.syncing ? 'pending' : undefined}
        {...props}
        onPress={async () => {
          ctx.announce(null);
          const result = await ctx.sync();
          if (result.ok) ctx.announce('synced');
        }}
      />
      {off && (
        <span id={reason} data-catalyst="hint">
          {ctx.words.syncDisabled}
        </span>
      )}
    </>
  );
}

/** Why "Sync now" failed (an alert with `data-code`): another run is going, or the directory could not be read. */
export function SyncError({ children, ...props }: ParagraphProps) {
  const ctx = root.use('SyncError');
  const error = ctx.syncError;
  if (!error || ctx.state !== 'ready') return null;
  const { words } = ctx;
  const text =
    error.code === 'sync_in_progress'
      ? words.syncInProgress
      : error.code === 'idp_unavailable'
        ? fillIn(words.syncUnavailable, { detail: error.message })
        : undefined;
  return (
    <ErrorAlert error={error} catalyst="directory-sync-error" {...props}>
      {children ?? text}
    </ErrorAlert>
  );
}
