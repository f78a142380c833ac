'use client';
import type { ClientError, DomainMode, OrgDomain } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { PartText } from './account-parts.js';
import {
  Announcement,
  DefaultItem,
  Item,
  ItemError,
  manager,
  Mode,
  ModeOptions,
  Name,
  Record,
  Remove,
  Status,
  Verify,
  type ItemProps,
  type SelectProps,
} from './domain-manager-parts.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { ErrorAlert } from './key-parts.js';
import { useWords } from './localization.js';
import { DOMAIN_WORDS } from './org-admin-words.js';
import { useDomains } from './use-domains.js';

const addKit = lazyContext<FormKit<'domain'> & { mode: DomainMode; setMode(m: DomainMode): void }>(
  'DomainManager',
  'AddForm',
);

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

export interface DomainManagerProps extends DivProps {
  /** The org whose domains to manage (needs `domains:manage` there); default the active org. */
  orgId?: string | null;
}

/** Loads the domains and shares them with the parts; `data-state` says which state it is in. */
function Root({ orgId, ...props }: DomainManagerProps) {
  const domains = useDomains(orgId);
  const words = useWords('domainManager', DOMAIN_WORDS);
  const id = React.useId();
  const [announced, announce] = React.useState<string | null>(null);
  const Context = manager.get();
  return (
    <Context.Provider value={{ ...domains, id, words, announced, announce }}>
      <Primitive.div
        data-catalyst="domain-manager"
        data-state={domains.state}
        data-can-manage={domains.canManage ? '' : undefined}
        aria-busy={domains.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function stateOnly(state: 'loading' | 'empty' | 'forbidden') {
  return function StatePart(props: ParagraphProps) {
    const ctx = manager.use(state);
    if (ctx.state !== state) return null;
    const text = state === 'empty' && ctx.orgId === null ? ctx.words.noOrg : ctx.words[state];
    return <PartText catalyst={`domain-manager-${state}`} text={text} {...props} />;
  };
}

/** Loading the list failed (an alert with `data-code`). */
function ErrorPart(props: ParagraphProps) {
  const ctx = manager.use('Error');
  if (ctx.state !== 'error') return null;
  return <ErrorAlert error={ctx.error} catalyst="domain-manager-error" {...props} />;
}

/** The add form (`aria-label` "Add a domain"); its errors land on the field (`domain_taken`). */
function AddForm({
  children,
  ...props
}: Omit<React.ComponentPropsWithoutRef<typeof Primitive.form>, 'onSubmit'>) {
  const ctx = manager.use('AddForm');
  const [domain, setDomain] = React.useState('');
  const [mode, setMode] = React.useState<DomainMode>('suggest');
  const [error, setError] = React.useState<ClientError | null>(null);
  if (!ctx.canManage || ctx.orgId === null || ctx.state === 'forbidden') return null;
  const kit = {
    id: `${ctx.id}-add`,
    pending: ctx.adding,
    readOnly: false,
    error,
    isField: (field: string) => field === 'domain',
    label: () => ctx.words.domain,
    input: (): React.ComponentPropsWithoutRef<'input'> => ({
      type: 'text',
      required: true,
      maxLength: 253,
      autoComplete: 'off',
      spellCheck: false,
      placeholder: 'example.com',
      value: domain,
      onChange: (event) => setDomain(event.currentTarget.value),
    }),
    submit: ctx.words.add,
    mode,
    setMode,
  };
  const Context = addKit.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        aria-label={ctx.words.addTitle}
        data-catalyst="domain-add"
        data-state={ctx.adding ? 'pending' : error ? 'error' : 'idle'}
        {...props}
        onSubmit={async (event: React.FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          setError(null);
          const result = await ctx.add({ domain: domain.trim(), mode });
          if (result.ok) setDomain('');
          else setError(result.error);
        }}
      >
        {children}
      </Primitive.form>
    </Context.Provider>
  );
}

const add = makeFormParts<'domain'>(addKit.use);

/** Inside `AddForm`: what people with an address at the domain get (suggest or auto-join). */
function AddMode(props: SelectProps) {
  const kit = addKit.use('Mode');
  const ctx = manager.use('AddForm.Mode');
  const id = `${kit.id}-mode`;
  return (
    <>
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.mode}
      </label>
      <select
        id={id}
        data-catalyst="domain-mode"
        disabled={kit.pending}
        {...props}
        value={kit.mode}
        onChange={(event) => kit.setMode(event.currentTarget.value as DomainMode)}
      >
        <ModeOptions words={ctx.words} />
      </select>
    </>
  );
}

interface ItemsProps extends Omit<React.ComponentPropsWithoutRef<typeof Primitive.ul>, 'children'> {
  /** One entry per domain; default: name, status, the TXT record while pending, actions. */
  children?: (domain: OrgDomain) => React.ReactNode;
}

function Items({ children, ...props }: ItemsProps) {
  const ctx = manager.use('Items');
  if (ctx.state !== 'ready') return null;
  return (
    <Primitive.ul data-catalyst="domain-list" {...props}>
      {ctx.domains.map((domain) => (
        <React.Fragment key={domain.id}>
          {children ? children(domain) : <DefaultItem domain={domain} />}
        </React.Fragment>
      ))}
    </Primitive.ul>
  );
}

const Loading = stateOnly('loading');
const Empty = stateOnly('empty');
const Forbidden = stateOnly('forbidden');

function DefaultDomainManager(props: DomainManagerProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <AddForm>
        <add.Error />
        <div data-catalyst="field" data-name="domain">
          <add.Label name="domain" />
          <add.Field name="domain" />
          <add.Error field="domain" />
        </div>
        <div data-catalyst="field" data-name="mode">
          <AddMode />
        </div>
        <add.Submit />
      </AddForm>
      <Announcement />
      <Empty />
      <Items />
    </Root>
  );
}

export type DomainManagerItemsProps = ItemsProps;
export type DomainManagerItemProps = ItemProps;

/**
 * `<DomainManager />`: an org's domains: add one, publish its TXT record (copy button), verify
 * it, choose suggest or auto-join, remove it. Compose your own from `DomainManager.Root`,
 * `.Loading`, `.Empty`, `.Forbidden`, `.Error`, `.AddForm` (with `.Label`, `.Field`, `.Error`,
 * `.Submit`, `.Mode`), `.Announcement`, `.Items`, `.Item`, `.Name`, `.Status`, `.Record`,
 * `.Verify`, `.Mode`, `.Remove` and `.ItemError`.
 */
export const DomainManager = Object.assign(DefaultDomainManager, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  AddForm: Object.assign(AddForm, add, { Mode: AddMode }),
  Announcement,
  Items,
  Item,
  Name,
  Status,
  Record,
  Verify,
  Mode,
  Remove,
  ItemError,
});
