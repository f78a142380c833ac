'use client';
import type { Passkey } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import type { DivProps, ParagraphProps } from './account-parts.js';
import { ErrorAlert, KeyTime, stateOnly } from './key-parts.js';
import { useWords } from './localization.js';
import { PasskeyRemove, PasskeyRename } from './passkey-actions.js';
import { PASSKEY_WORDS, passkeyItem as item, passkeyList as list } from './passkey-list-context.js';
import { usePasskeys } from './use-passkeys.js';

type SpanProps = React.ComponentPropsWithoutRef<typeof Primitive.span>;

/** Loads the caller's passkeys; `data-state="loading|empty|error|ready|forbidden"`. */
function Root(props: DivProps) {
  const hook = usePasskeys();
  const words = useWords('passkeys', PASSKEY_WORDS);
  const Context = list.get();
  return (
    <Context.Provider value={{ ...hook, words }}>
      <Primitive.div
        data-catalyst="passkey-list"
        data-state={hook.state}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

const Loading = stateOnly('loading', 'passkey-list', list.use, 'Loading');
const Empty = stateOnly('empty', 'passkey-list', list.use, 'Empty');
const Forbidden = stateOnly('forbidden', 'passkey-list', list.use, 'Forbidden');

function ErrorPart(props: ParagraphProps) {
  const ctx = list.use('Error');
  if (ctx.state !== 'error') return null;
  return <ErrorAlert error={ctx.error} catalyst="passkey-list-error" {...props} />;
}

export interface PasskeyListItemsProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.ul>,
  'children'
> {
  /** One item per passkey; default: name, device type, dates, rename and remove. */
  children?: (passkey: Passkey) => React.ReactNode;
}

function Items({ children, ...props }: PasskeyListItemsProps) {
  const ctx = list.use('Items');
  if (ctx.passkeys.length === 0) return null;
  return (
    <Primitive.ul aria-label={ctx.words.listLabel} data-catalyst="passkey-list-items" {...props}>
      {ctx.passkeys.map((passkey) => (
        <React.Fragment key={passkey.id}>
          {children ? children(passkey) : <DefaultItem passkey={passkey} />}
        </React.Fragment>
      ))}
    </Primitive.ul>
  );
}

export interface PasskeyListItemProps extends React.ComponentPropsWithoutRef<typeof Primitive.li> {
  passkey: Passkey;
}

function Item({ passkey, ...props }: PasskeyListItemProps) {
  const Context = item.get();
  return (
    <Context.Provider value={passkey}>
      <Primitive.li data-catalyst="passkey" data-passkey-id={passkey.id} {...props} />
    </Context.Provider>
  );
}

function Name({ asChild, children, ...props }: SpanProps) {
  const passkey = item.use('Name');
  return (
    <Primitive.span asChild={asChild} data-catalyst="passkey-name" {...props}>
      {asChild || children ? children : passkey.name}
    </Primitive.span>
  );
}

/** "Synced" or "This device only", `data-device-type` holding the server's value. */
function DeviceType(props: SpanProps) {
  const passkey = item.use('DeviceType');
  const { words } = list.use('DeviceType');
  return (
    <Primitive.span
      data-catalyst="passkey-device-type"
      data-device-type={passkey.deviceType}
      {...props}
    >
      {passkey.deviceType === 'multiDevice' ? words.synced : words.singleDevice}
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

function Created() {
  const passkey = item.use('Created');
  const { words } = list.use('Created');
  return <Dated template={words.created} value={passkey.createdAt} catalyst="passkey-created" />;
}

function LastUsed() {
  const passkey = item.use('LastUsed');
  const { words } = list.use('LastUsed');
  if (!passkey.lastUsedAt) return <span data-catalyst="passkey-last-used">{words.neverUsed}</span>;
  return (
    <Dated template={words.lastUsed} value={passkey.lastUsedAt} catalyst="passkey-last-used" />
  );
}

function DefaultItem({ passkey }: { passkey: Passkey }) {
  return (
    <Item passkey={passkey}>
      <Name /> <DeviceType /> <Created /> <LastUsed /> <PasskeyRename /> <PasskeyRemove />
    </Item>
  );
}

function DefaultPasskeyList(props: DivProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Items />
    </Root>
  );
}

export type PasskeyListProps = DivProps;

/**
 * `<PasskeyList />`: the caller's passkeys, each renamable inline and removable (a recent
 * sign-in is asked for when the server wants one; the last way into the account stays). Compose
 * your own from `PasskeyList.Root`, `.Loading`, `.Empty`, `.Forbidden`, `.Error`, `.Items`,
 * `.Item`, `.Name`, `.DeviceType`, `.Created`, `.LastUsed`, `.Rename` and `.Remove`.
 */
export const PasskeyList = Object.assign(DefaultPasskeyList, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Items,
  Item,
  Name,
  DeviceType,
  Created,
  LastUsed,
  Rename: PasskeyRename,
  Remove: PasskeyRemove,
});
