'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { CreateApiKey, type CreateApiKeyProps } from './create-api-key.js';
import type { KeyStatusFilter } from './data/key-resources.js';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { useSession } from './hooks.js';
import { KeyList, type KeyListProps } from './key-list.js';
import { stateOnly } from './key-parts.js';
import { useWords, type KeyManagerWords } from './localization.js';
import { useKeys, type UseKeysResult } from './use-keys.js';

const WORDS: KeyManagerWords = {
  loading: 'Loading API keys…',
  forbidden: 'You do not have permission to manage these API keys.',
};

interface ManagerContext extends UseKeysResult {
  words: KeyManagerWords;
  /** Whether `.Create` and `.List` render: once the session is known, unless forbidden. */
  open: boolean;
}

const manager = lazyContext<ManagerContext>('KeyManager');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

export interface KeyManagerProps extends DivProps {
  /** An org's keys (needs `keys:manage` there); default: the caller's own keys. */
  orgId?: string | null;
}

/**
 * Whose keys, and whether the caller may manage them. `data-state` is the keys' state:
 * `forbidden` when signed out, without `keys:manage` in the org, or when the server says 403.
 */
function Root({ orgId, ...props }: KeyManagerProps) {
  const keys = useKeys({ orgId });
  const words = useWords('keyManager', WORDS);
  const session = useSession();
  // The list shows its own loading state: hiding it while the keys load would unmount and
  // remount it, and a remount refetches a failed list (over and over).
  const open = session.status !== 'loading' && keys.state !== 'forbidden';
  const Context = manager.get();
  return (
    <Context.Provider value={{ ...keys, words, open }}>
      <Primitive.div
        data-catalyst="key-manager"
        data-state={keys.state}
        data-owner={keys.orgId === null ? 'me' : 'org'}
        aria-busy={keys.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** `<CreateApiKey>` for the same owner; not rendered before the session is known, or forbidden. */
function Create(props: Omit<CreateApiKeyProps, 'orgId'>) {
  const ctx = manager.use('Create');
  if (!ctx.open) return null;
  return <CreateApiKey orgId={ctx.orgId} {...props} />;
}

/** `<KeyList>` for the same owner; not rendered before the session is known, or forbidden. */
function List(props: Omit<KeyListProps, 'orgId'> & { defaultStatus?: KeyStatusFilter }) {
  const ctx = manager.use('List');
  if (!ctx.open) return null;
  return <KeyList orgId={ctx.orgId} {...props} />;
}

/** Rendered only until the session is known (then the list shows its own loading state). */
function Loading({
  asChild,
  children,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.p>) {
  const ctx = manager.use('Loading');
  if (ctx.open || ctx.state !== 'loading') return null;
  return (
    <Primitive.p asChild={asChild} data-catalyst="key-manager-loading" {...props}>
      {partContent(asChild, children, ctx.words.loading)}
    </Primitive.p>
  );
}

const Forbidden = stateOnly('forbidden', 'key-manager', manager.use, 'Forbidden');

function DefaultKeyManager(props: KeyManagerProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <Create />
      <List />
    </Root>
  );
}

/**
 * `<KeyManager />` issues and lists API keys: the caller's own, or an org's with `orgId`.
 * Compose your own from `KeyManager.Root`, `.Loading`, `.Forbidden`, `.Create` (a
 * `<CreateApiKey>` for the same owner) and `.List` (a `<KeyList>`).
 */
export const KeyManager = Object.assign(DefaultKeyManager, {
  Root,
  Loading,
  Forbidden,
  Create,
  List,
});
