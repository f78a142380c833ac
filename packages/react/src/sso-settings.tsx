'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { CopyButton, LiveStatus, PartButton, PartText } from './account-parts.js';
import { ErrorAlert } from './key-parts.js';
import { useWords } from './localization.js';
import { useRoleName } from './role-words.js';
import { form, root } from './sso-settings-context.js';
import {
  ClientId,
  DefaultRole,
  Enabled,
  Issuer,
  Name,
  Required,
  Scopes,
  Secret,
} from './sso-settings-fields.js';
import { Cancel, Form, FormTitle } from './sso-settings-form.js';
import { SSO_SETTINGS_WORDS } from './sso-settings-words.js';
import { useSsoSettings, type UseSsoSettingsOptions } from './use-sso-settings.js';
import { ConfirmGroup } from './webhook-parts.js';

export type { SsoSettingsField } from './sso-settings-context.js';

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentProps<typeof Primitive.button>;

export interface SsoSettingsProps extends DivProps, UseSsoSettingsOptions {
  /** The org whose provider to manage (owners: `sso:manage`); default the active org. */
  orgId?: string | null;
}

/**
 * Loads the org's provider and shares it with the parts. `data-state`:
 * `loading|empty|error|ready|forbidden` (`empty`: none connected, `ready`: connected);
 * `data-saving` while a save or a disconnect is out.
 */
function Root({ orgId, sso, ...props }: SsoSettingsProps) {
  const hook = useSsoSettings(orgId, sso ? { sso } : {});
  const words = useWords('ssoSettings', SSO_SETTINGS_WORDS);
  const id = React.useId();
  const [connecting, setConnecting] = React.useState(false);
  const [announced, announce] = React.useState<'saved' | 'removed' | null>(null);
  const Context = root.get();
  return (
    <Context.Provider
      value={{ ...hook, id, words, connecting, setConnecting, announced, announce }}
    >
      <Primitive.div
        data-catalyst="sso-settings"
        data-state={hook.state}
        data-saving={hook.saving || hook.removing ? '' : undefined}
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
    return <PartText catalyst={`sso-settings-${state}`} text={text} {...props} />;
  };
}

const Loading = stateOnly('loading');
const Empty = stateOnly('empty');
const Forbidden = stateOnly('forbidden');

/** Loading the provider failed (an alert with `data-code`). */
function ErrorPart(props: ParagraphProps) {
  const ctx = root.use('Error');
  if (ctx.state !== 'error') return null;
  return <ErrorAlert error={ctx.error} catalyst="sso-settings-error" {...props} />;
}

/** "Connect a provider": opens the form; in the empty state, until it is open. */
function Connect(props: ButtonProps) {
  const ctx = root.use('Connect');
  if (ctx.state !== 'empty' || ctx.orgId === null || ctx.connecting) return null;
  return (
    <PartButton
      catalyst="sso-settings-connect"
      text={ctx.words.connect}
      {...props}
      onPress={() => {
        ctx.announce(null);
        ctx.setConnecting(true);
      }}
    />
  );
}

/** The connected provider at a glance (a group named "Connected provider"); never the secret. */
function Details(props: Omit<DivProps, 'children'>) {
  const ctx = root.use('Details');
  const roleName = useRoleName();
  const c = ctx.connection;
  if (ctx.state !== 'ready' || !c) return null;
  const w = ctx.words;
  const rows: Array<[string, string, React.ReactNode]> = [
    ['name', w.name, c.name],
    ['issuer', w.issuer, <code key="issuer">{c.issuer}</code>],
    ['clientId', w.clientId, <code key="clientId">{c.clientId}</code>],
    ['clientSecret', w.clientSecret, c.hasClientSecret ? w.secretSet : w.secretNotSet],
    ['scopes', w.scopes, c.scopes.join(' ')],
    ['defaultRole', w.defaultRole, roleName(c.defaultRole)],
    ['status', w.status, c.enabled ? w.on : w.off],
    ['required', w.required, c.required ? w.requiredOn : w.requiredOff],
  ];
  return (
    <Primitive.div
      role="group"
      aria-label={w.details}
      data-catalyst="sso-settings-details"
      data-enabled={c.enabled ? '' : undefined}
      data-required={c.required ? '' : undefined}
      {...props}
    >
      <dl>
        {rows.map(([key, term, value]) => (
          <div key={key} data-name={key}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Primitive.div>
  );
}

/** The redirect URI to register at the provider, with a copy button (a group so named). */
function RedirectUri(props: Omit<DivProps, 'children'>) {
  const ctx = root.use('RedirectUri');
  const c = ctx.connection;
  if (ctx.state !== 'ready' || !c) return null;
  const w = ctx.words;
  return (
    <Primitive.div
      role="group"
      aria-label={w.redirectUri}
      data-catalyst="sso-redirect-uri"
      {...props}
    >
      <p data-catalyst="hint">{w.redirectUriHint}</p>
      <code data-catalyst="sso-redirect-uri-value">{c.redirectUri}</code>{' '}
      <CopyButton catalyst="sso-redirect-uri-copy" value={c.redirectUri} words={w} />
    </Primitive.div>
  );
}

/** Disconnects the provider after a confirmation (its rules go too). */
function Remove(props: ButtonProps) {
  const ctx = root.use('Remove');
  const [asking, setAsking] = React.useState(false);
  if (ctx.state !== 'ready' || !ctx.canManage) return null;
  const w = ctx.words;
  if (!asking)
    return (
      <PartButton
        catalyst="sso-settings-remove"
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
      catalyst="sso-settings-remove-confirm"
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
        ctx.setConnecting(false);
        ctx.announce('removed');
        return null;
      }}
    />
  );
}

/** A `role="status"` region: "Provider saved." or "Provider disconnected." after either here. */
function Announcement(props: React.ComponentProps<typeof Primitive.p>) {
  const ctx = root.use('Announcement');
  const text = ctx.announced ? ctx.words[ctx.announced] : null;
  return <LiveStatus catalyst="sso-settings-announcement" text={text} {...props} />;
}

function DefaultSsoSettings(props: SsoSettingsProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Connect />
      <Details />
      <RedirectUri />
      <Form>
        <FormTitle />
        <form.Error />
        <Name />
        <Issuer />
        <ClientId />
        <Secret />
        <Scopes />
        <DefaultRole />
        <Enabled />
        <Required />
        <form.Submit /> <Cancel />
      </Form>
      <Announcement />
      <Remove />
    </Root>
  );
}

/**
 * `<SsoSettings />`: an org's own OpenID provider (owners only): connect one, change it (the
 * secret is write-only: keep, replace or remove it), register its redirect URI, require it for
 * the org's verified domains, disconnect it. Compose your own from `SsoSettings.Root`,
 * `.Loading`, `.Empty`, `.Forbidden`, `.Error`, `.Connect`, `.Details`, `.RedirectUri`, `.Form`
 * (with `.FormTitle`, `.Name`, `.Issuer`, `.ClientId`, `.Secret`, `.Scopes`, `.DefaultRole`,
 * `.Enabled`, `.Required`, `.FormError`, `.Submit`, `.Cancel`), `.Announcement` and `.Remove`.
 */
export const SsoSettings = Object.assign(DefaultSsoSettings, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Connect,
  Details,
  RedirectUri,
  Form,
  FormTitle,
  Name,
  Issuer,
  ClientId,
  Secret,
  Scopes,
  DefaultRole,
  Enabled,
  Required,
  FormError: form.Error,
  Submit: form.Submit,
  Cancel,
  Announcement,
  Remove,
});
