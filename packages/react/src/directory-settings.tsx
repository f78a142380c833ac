'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { LiveStatus, PartButton, PartText } from './account-parts.js';
import { useWords } from './localization.js';
import { form, root, type DirectoryAnnouncement } from './directory-settings-context.js';
import {
  BaseUrl,
  ClientId,
  Credential,
  DefaultRole,
  Deprovision,
  Enabled,
  Provider,
  Realm,
  Schedule,
} from './directory-settings-fields.js';
import { Form, FormTitle } from './directory-settings-form.js';
import { LastRun, NextRun, Status, SyncError, SyncNow } from './directory-settings-status.js';
import { DIRECTORY_SETTINGS_WORDS } from './directory-settings-words.js';
import { ErrorAlert } from './key-parts.js';
import {
  useDirectorySettings,
  type UseDirectorySettingsOptions,
} from './use-directory-settings.js';
import { ConfirmGroup } from './webhook-parts.js';

export type { DirectorySettingsField } from './directory-settings-context.js';

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentProps<typeof Primitive.button>;

export interface DirectorySettingsProps extends DivProps, UseDirectorySettingsOptions {
  /** The org whose directory to manage (owners: `directory:manage`); default the active org. */
  orgId?: string | null;
}

/**
 * Loads the org's directory and shares it with the parts. `data-state`:
 * `loading|empty|error|ready|forbidden` (`empty`: none connected, `ready`: connected);
 * `data-saving` while a save or a disconnect is out, `data-syncing` while a sync runs.
 */
function Root({ orgId, directory, ...props }: DirectorySettingsProps) {
  const hook = useDirectorySettings(orgId, directory ? { directory } : {});
  const words = useWords('directorySettings', DIRECTORY_SETTINGS_WORDS);
  const id = React.useId();
  const [announced, announce] = React.useState<DirectoryAnnouncement | null>(null);
  const Context = root.get();
  return (
    <Context.Provider value={{ ...hook, id, words, announced, announce }}>
      <Primitive.div
        data-catalyst="directory-settings"
        data-state={hook.state}
        data-provider={hook.connection?.provider}
        data-saving={hook.saving || hook.removing ? '' : undefined}
        data-syncing={hook.syncing ? '' : undefined}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function stateOnly(state: 'loading' | 'empty' | 'forbidden') {
  return function StatePart(props: ParagraphProps) {
    const ctx = root.use(state);
    if (ctx.state !== state) return null;
    const text = state === 'empty' && ctx.orgId === null ? ctx.words.noOrg : ctx.words[state];
    return <PartText catalyst={`directory-settings-${state}`} text={text} {...props} />;
  };
}

const Loading = stateOnly('loading');
const Empty = stateOnly('empty');
const Forbidden = stateOnly('forbidden');

/** Loading the directory failed (an alert with `data-code`). */
function ErrorPart(props: ParagraphProps) {
  const ctx = root.use('Error');
  if (ctx.state !== 'error') return null;
  return <ErrorAlert error={ctx.error} catalyst="directory-settings-error" {...props} />;
}

/** "Try again" after loading failed. */
function Retry(props: ButtonProps) {
  const ctx = root.use('Retry');
  if (ctx.state !== 'error') return null;
  return (
    <PartButton
      catalyst="directory-settings-retry"
      text={ctx.words.retry}
      {...props}
      onPress={() => void ctx.reload()}
    />
  );
}

/** Disconnects the directory after a confirmation; members, accounts and groups stay. */
function Remove(props: ButtonProps) {
  const ctx = root.use('Remove');
  const [asking, setAsking] = React.useState(false);
  if (ctx.state !== 'ready' || !ctx.canManage) return null;
  const w = ctx.words;
  if (!asking)
    return (
      <PartButton
        catalyst="directory-settings-remove"
        text={w.remove}
        {...props}
        onPress={() => {
          ctx.announce(null);
          setAsking(true);
        }}
      />
    );
  return (
    <ConfirmGroup
      catalyst="directory-settings-remove-confirm"
      label={w.remove}
      warning={w.removeWarning}
      confirm={w.confirmRemove}
      cancel={w.cancel}
      pending={ctx.removing}
      onClose={() => setAsking(false)}
      onConfirm={async () => {
        const result = await ctx.remove();
        if (!result.ok) return result.error;
        setAsking(false);
        ctx.announce('removed');
        return null;
      }}
    />
  );
}

/** A `role="status"` region: "Directory connected.", "Sync finished."… after either here. */
function Announcement(props: React.ComponentProps<typeof Primitive.p>) {
  const ctx = root.use('Announcement');
  const text = ctx.announced ? ctx.words[ctx.announced] : null;
  return <LiveStatus catalyst="directory-settings-announcement" text={text} {...props} />;
}

function DefaultDirectorySettings(props: DirectorySettingsProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Retry />
      <Empty />
      <Status />
      <SyncNow />
      <SyncError />
      <Form>
        <FormTitle />
        <form.Error />
        <Provider />
        <BaseUrl />
        <Realm />
        <ClientId />
        <Credential />
        <DefaultRole />
        <Schedule />
        <Deprovision />
        <Enabled />
        <form.Submit />
      </Form>
      <Announcement />
      <Remove />
    </Root>
  );
}

/**
 * `<DirectorySettings />`: an org's directory sync (owners only): connect its Authentik or
 * Keycloak (the credential is write-only: blank keeps it), pick the schedule and what a sync may
 * do, sync now, see the last run and the next, disconnect. Compose your own from
 * `DirectorySettings.Root`, `.Loading`, `.Empty`, `.Forbidden`, `.Error`, `.Retry`, `.Status`
 * (with `.LastRun`, `.NextRun`), `.SyncNow`, `.SyncError`, `.Form` (with `.FormTitle`,
 * `.Provider`, `.BaseUrl`, `.Realm`, `.ClientId`, `.Credential`, `.DefaultRole`, `.Schedule`,
 * `.Deprovision`, `.Enabled`, `.FormError`, `.Submit`), `.Announcement` and `.Remove`.
 */
export const DirectorySettings = Object.assign(DefaultDirectorySettings, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Retry,
  Status,
  LastRun,
  NextRun,
  SyncNow,
  SyncError,
  Form,
  FormTitle,
  Provider,
  BaseUrl,
  Realm,
  ClientId,
  Credential,
  DefaultRole,
  Schedule,
  Deprovision,
  Enabled,
  FormError: form.Error,
  Submit: form.Submit,
  Announcement,
  Remove,
});
