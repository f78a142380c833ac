'use client';
import type { ClientError, IdentityView, SsoProvider } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { codeOf } from './account-kit.js';
import { fillIn, PartButton, type ButtonProps, type DivProps } from './account-parts.js';
import { lazyContext } from './form-kit.js';
import { ErrorAlert, KeyTime, stateOnly } from './key-parts.js';
import { useWords } from './localization.js';
import { CONNECTED_ACCOUNTS_WORDS, type ConnectedAccountsWords } from './sso-words.js';
import {
  useConnectedAccounts,
  type UseConnectedAccountsOptions,
  type UseConnectedAccountsResult,
} from './use-connected-accounts.js';
import { ConfirmGroup } from './webhook-parts.js';

interface ListContext extends UseConnectedAccountsResult {
  words: ConnectedAccountsWords;
}

const list = lazyContext<ListContext>('ConnectedAccounts');
const item = lazyContext<IdentityView>('ConnectedAccounts', 'Item');

type SpanProps = React.ComponentPropsWithoutRef<typeof Primitive.span>;

export interface ConnectedAccountsProps extends DivProps, UseConnectedAccountsOptions {}

/** Loads the identities and providers; `data-state="loading|empty|error|ready|forbidden"`. */
function Root({ sso, returnTo, onRedirect, ...props }: ConnectedAccountsProps) {
  const hook = useConnectedAccounts({
    ...(sso ? { sso } : {}),
    ...(returnTo === undefined ? {} : { returnTo }),
    ...(onRedirect ? { onRedirect } : {}),
  });
  const words = useWords('connectedAccounts', CONNECTED_ACCOUNTS_WORDS);
  const Context = list.get();
  return (
    <Context.Provider value={{ ...hook, words }}>
      <Primitive.div
        data-catalyst="connected-accounts"
        data-state={hook.state}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

const Loading = stateOnly('loading', 'connected-accounts', list.use, 'Loading');
const Empty = stateOnly('empty', 'connected-accounts', list.use, 'Empty');
const Forbidden = stateOnly('forbidden', 'connected-accounts', list.use, 'Forbidden');

function ErrorPart(props: React.ComponentPropsWithoutRef<typeof Primitive.p>) {
  const ctx = list.use('Error');
  if (ctx.state !== 'error') return null;
  return <ErrorAlert error={ctx.error} catalyst="connected-accounts-error" {...props} />;
}

export interface ConnectedAccountsItemsProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.ul>,
  'children'
> {
  /** One item per identity; default: provider, email, dates and disconnect. */
  children?: (identity: IdentityView) => React.ReactNode;
}

function Items({ children, ...props }: ConnectedAccountsItemsProps) {
  const ctx = list.use('Items');
  if (ctx.identities.length === 0) return null;
  return (
    <Primitive.ul
      aria-label={ctx.words.listLabel}
      data-catalyst="connected-accounts-items"
      {...props}
    >
      {ctx.identities.map((identity) => (
        <React.Fragment key={identity.id}>
          {children ? children(identity) : <DefaultItem identity={identity} />}
        </React.Fragment>
      ))}
    </Primitive.ul>
  );
}

export interface ConnectedAccountsItemProps extends React.ComponentPropsWithoutRef<
  typeof Primitive.li
> {
  identity: IdentityView;
}

function Item({ identity, ...props }: ConnectedAccountsItemProps) {
  const Context = item.get();
  return (
    <Context.Provider value={identity}>
      <Primitive.li
        data-catalyst="connected-account"
        data-identity-id={identity.id}
        data-connection-id={identity.connectionId}
        {...props}
      />
    </Context.Provider>
  );
}

/** The provider's name. */
function Provider({ asChild, children, ...props }: SpanProps) {
  const identity = item.use('Provider');
  return (
    <Primitive.span asChild={asChild} data-catalyst="connected-account-provider" {...props}>
      {asChild || children ? children : identity.provider}
    </Primitive.span>
  );
}

/** The address the provider gave; not rendered when it gave none. */
function Email({ asChild, children, ...props }: SpanProps) {
  const identity = item.use('Email');
  if (!identity.email && children == null) return null;
  return (
    <Primitive.span asChild={asChild} data-catalyst="connected-account-email" {...props}>
      {asChild || children ? children : identity.email}
    </Primitive.span>
  );
}

/** `{date}` of a template as a `<time>`. */
function Dated({
  template,
  value,
  catalyst,
}: {
  template: string;
  value: string;
  catalyst: string;
}) {
  const [before = '', after = ''] = template.split('{date}');
  return (
    <span data-catalyst={catalyst}>
      {before}
      <KeyTime value={value} catalyst={`${catalyst}-time`} />
      {after}
    </span>
  );
}

function LinkedOn() {
  const identity = item.use('LinkedOn');
  const { words } = list.use('LinkedOn');
  return (
    <Dated
      template={words.linkedOn}
      value={identity.createdAt}
      catalyst="connected-account-linked"
    />
  );
}

function LastUsed() {
  const identity = item.use('LastUsed');
  const { words } = list.use('LastUsed');
  if (!identity.lastUsedAt)
    return <span data-catalyst="connected-account-last-used">{words.neverUsed}</span>;
  return (
    <Dated
      template={words.lastUsed}
      value={identity.lastUsedAt}
      catalyst="connected-account-last-used"
    />
  );
}

/** The refusal to unlink the last way in, in the component's words. */
const unlinkError = (error: ClientError, words: ConnectedAccountsWords): ClientError =>
  codeOf(error) === 'last_sign_in_method' ? { ...error, message: words.lastSignInMethod } : error;

/** Disconnects this item's identity after a confirmation; the last way in is refused. */
function Unlink(props: ButtonProps) {
  const identity = item.use('Unlink');
  const ctx = list.use('Unlink');
  const [asking, setAsking] = React.useState(false);
  const name = { name: identity.provider };
  if (!asking)
    return (
      <PartButton
        catalyst="connected-account-unlink"
        text={ctx.words.unlink}
        aria-label={fillIn(ctx.words.unlinkLabel, name)}
        onPress={() => setAsking(true)}
        {...props}
      />
    );
  return (
    <ConfirmGroup
      catalyst="connected-account-unlink-confirm"
      label={fillIn(ctx.words.unlinkLabel, name)}
      warning={fillIn(ctx.words.unlinkWarning, name)}
      confirm={ctx.words.confirmUnlink}
      cancel={ctx.words.cancel}
      pending={ctx.isUnlinking(identity.id)}
      onClose={() => setAsking(false)}
      onConfirm={async () => {
        const result = await ctx.unlink(identity.id);
        return result.ok ? null : unlinkError(result.error, ctx.words);
      }}
    />
  );
}

function DefaultItem({ identity }: { identity: IdentityView }) {
  return (
    <Item identity={identity}>
      <Provider /> <Email /> <LinkedOn /> <LastUsed /> <Unlink />
    </Item>
  );
}

/** A "Connect <provider>" button: the server's URL, then the provider (a full page load). */
function Link({ provider, ...props }: ButtonProps & { provider: SsoProvider }) {
  const ctx = list.use('Link');
  const [error, setError] = React.useState<ClientError | null>(null);
  const pending = ctx.linking === provider.id;
  return (
    <>
      <PartButton
        catalyst="connected-account-link"
        data-provider={provider.id}
        data-state={pending ? 'pending' : undefined}
        disabled={ctx.linking !== null}
        text={fillIn(ctx.words.link, { name: provider.name })}
        onPress={() => {
          setError(null);
          void ctx.link(provider.id).then((result) => !result.ok && setError(result.error));
        }}
        {...props}
      />
      <ErrorAlert error={error} catalyst="connected-account-link-error" />
    </>
  );
}

/** The providers not linked yet, one `Link` each; nothing while loading or when none is left. */
function Available({
  children,
  ...props
}: Omit<DivProps, 'children'> & { children?: (provider: SsoProvider) => React.ReactNode }) {
  const ctx = list.use('Available');
  if (ctx.available.length === 0 || ctx.state === 'loading' || ctx.state === 'forbidden')
    return null;
  return (
    <Primitive.div data-catalyst="connected-accounts-available" {...props}>
      {ctx.available.map((provider) => (
        <React.Fragment key={provider.id}>
          {children ? children(provider) : <Link provider={provider} />}
        </React.Fragment>
      ))}
    </Primitive.div>
  );
}

/** The linked identities, then a button per provider left to link. Built only from the parts. */
function DefaultConnectedAccounts(props: ConnectedAccountsProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Items />
      <Available />
    </Root>
  );
}

/**
 * `<ConnectedAccounts />`: the caller's identities at upstream providers (disconnect each, unless
 * it is the last way in) and "Connect …" for the providers not linked yet. `ConnectedAccounts.Root`,
 * `.Loading`, `.Empty`, `.Forbidden`, `.Error`, `.Items`, `.Item`, `.Provider`, `.Email`,
 * `.LinkedOn`, `.LastUsed`, `.Unlink`, `.Available` and `.Link` compose your own.
 */
export const ConnectedAccounts = Object.assign(DefaultConnectedAccounts, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Items,
  Item,
  Provider,
  Email,
  LinkedOn,
  LastUsed,
  Unlink,
  Available,
  Link,
});
