'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { useSession } from './hooks.js';
import { stateOnly } from './key-parts.js';
import { useWebhooks, type UseWebhooksResult, type WebhookScope } from './use-webhooks.js';
import { WebhookForm, type WebhookFormProps } from './webhook-form.js';
import { scopeOf } from './webhook-list-context.js';
import { WebhookList, type WebhookListProps } from './webhook-list.js';
import { useWebhookWords, type WebhookWords } from './webhook-words.js';

interface ManagerContext extends UseWebhooksResult {
  words: WebhookWords;
  scope: WebhookScope;
  /** Whether `.Create` and `.List` render: once the session is known, with an org, not forbidden. */
  open: boolean;
}

const manager = lazyContext<ManagerContext>('WebhookManager');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

export interface WebhookManagerProps extends DivProps {
  /** The org whose endpoints to manage (needs `webhooks:manage` there); default the active org. */
  orgId?: string | null;
  /** The platform's endpoints (`/admin/webhooks`; platform `admin`, `support` reads) instead. */
  platform?: boolean;
}

/**
 * Whose endpoints, and whether the caller may manage them. `data-state` is the endpoints' state:
 * `forbidden` when signed out, without `webhooks:manage` in the org, or when the server says 403;
 * `empty` without an org (`data-owner="none"`).
 */
function Root({ orgId, platform, ...props }: WebhookManagerProps) {
  const scope = scopeOf({ orgId, platform });
  const hook = useWebhooks(scope);
  const words = useWebhookWords();
  const session = useSession();
  // The list shows its own loading state: hiding it while the endpoints load would unmount and
  // remount it, and a remount refetches a failed list (over and over).
  const open = session.status !== 'loading' && hook.state !== 'forbidden' && hook.owner !== null;
  const Context = manager.get();
  return (
    <Context.Provider value={{ ...hook, words, scope, open }}>
      <Primitive.div
        data-catalyst="webhook-manager"
        data-state={hook.state}
        data-owner={hook.platform ? 'platform' : hook.orgId === null ? 'none' : 'org'}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** `<WebhookForm>` (register an endpoint) for the same owner; not rendered before the session is known, or forbidden. */
function Create(props: Omit<WebhookFormProps, 'orgId' | 'platform' | 'webhook'>) {
  const ctx = manager.use('Create');
  if (!ctx.open) return null;
  return <WebhookForm orgId={ctx.scope} {...props} />;
}

/** `<WebhookList>` for the same owner; not rendered before the session is known, or forbidden. */
function List(props: Omit<WebhookListProps, 'orgId' | 'platform'>) {
  const ctx = manager.use('List');
  if (!ctx.open) return null;
  return <WebhookList orgId={ctx.scope} {...props} />;
}

/** Rendered only until the session is known (then the list shows its own loading state). */
function Loading({ asChild, children, ...props }: ParagraphProps) {
  const ctx = manager.use('Loading');
  if (ctx.open || ctx.state !== 'loading') return null;
  return (
    <Primitive.p asChild={asChild} data-catalyst="webhook-manager-loading" {...props}>
      {partContent(asChild, children, ctx.words.loading)}
    </Primitive.p>
  );
}

/** "No organization selected." when there is no org to manage (none given, none active). */
function NoOrg({ asChild, children, ...props }: ParagraphProps) {
  const ctx = manager.use('NoOrg');
  if (ctx.owner !== null || ctx.state !== 'empty') return null;
  return (
    <Primitive.p asChild={asChild} data-catalyst="webhook-manager-no-org" {...props}>
      {partContent(asChild, children, ctx.words.noOrg)}
    </Primitive.p>
  );
}

const Forbidden = stateOnly('forbidden', 'webhook-manager', manager.use, 'Forbidden');

function DefaultWebhookManager(props: WebhookManagerProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <NoOrg />
      <Create />
      <List />
    </Root>
  );
}

/**
 * `<WebhookManager orgId={…} />` registers and manages an org's webhook endpoints (or, with
 * `platform`, the platform's): the form with its event picker and the secret shown once, then the
 * endpoints with enable/disable, edit, secret rotation, delete, test events and their deliveries
 * (attempts, retry, replay). Compose your own from `WebhookManager.Root`, `.Loading`,
 * `.Forbidden`, `.NoOrg`, `.Create` (a `<WebhookForm>`) and `.List` (a `<WebhookList>`).
 */
export const WebhookManager = Object.assign(DefaultWebhookManager, {
  Root,
  Loading,
  Forbidden,
  NoOrg,
  Create,
  List,
});
