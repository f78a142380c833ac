'use client';
import type { DomainMode, OrgDomain } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { CopyButton, fillIn, LiveStatus, PartButton } from './account-parts.js';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { ErrorAlert } from './key-parts.js';
import type { DomainManagerWords } from './org-admin-words.js';
import type { DomainAction, UseDomainsResult } from './use-domains.js';

/** The parts of one domain in `<DomainManager>` (its root and add form are in domain-manager.tsx). */

export interface ManagerContext extends UseDomainsResult {
  id: string;
  words: DomainManagerWords;
  /** The last domain verified here (announced). */
  announced: string | null;
  announce(domain: string | null): void;
}

export const manager = lazyContext<ManagerContext>('DomainManager');
const item = lazyContext<OrgDomain>('DomainManager', 'Item');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type SpanProps = React.ComponentPropsWithoutRef<typeof Primitive.span>;
type ButtonProps = React.ComponentProps<typeof Primitive.button>;
export type SelectProps = Omit<React.ComponentPropsWithoutRef<'select'>, 'value' | 'children'>;

export function ModeOptions({ words }: { words: DomainManagerWords }) {
  return (
    <>
      <option value="suggest">{words.suggest}</option>
      <option value="auto_join">{words.autoJoin}</option>
    </>
  );
}

export interface ItemProps extends React.ComponentPropsWithoutRef<typeof Primitive.li> {
  domain: OrgDomain;
}

/** One domain: `data-domain-id`, `data-status="pending|verified"`, `data-state="pending"` busy. */
export function Item({ domain, ...props }: ItemProps) {
  const ctx = manager.use('Item');
  const Context = item.get();
  return (
    <Context.Provider value={domain}>
      <Primitive.li
        data-catalyst="domain"
        data-domain-id={domain.id}
        data-status={domain.status}
        data-state={ctx.pending(domain.id) ? 'pending' : undefined}
        {...props}
      />
    </Context.Provider>
  );
}

export function Name({ asChild, children, ...props }: SpanProps) {
  const domain = item.use('Name');
  return (
    <Primitive.span asChild={asChild} data-catalyst="domain-name" {...props}>
      {partContent(asChild, children, domain.domain)}
    </Primitive.span>
  );
}

/** "Verified" or "Not verified" (`data-status`). */
export function Status({ asChild, children, ...props }: SpanProps) {
  const ctx = manager.use('Status');
  const domain = item.use('Status');
  const text = domain.status === 'verified' ? ctx.words.verified : ctx.words.pending;
  return (
    <Primitive.span
      asChild={asChild}
      data-catalyst="domain-status"
      data-status={domain.status}
      {...props}
    >
      {partContent(asChild, children, text)}
    </Primitive.span>
  );
}

/**
 * The TXT record to publish (name, value, a copy button), as a group named "TXT record for …";
 * rendered only until the domain is verified.
 */
export function Record(props: DivProps) {
  const ctx = manager.use('Record');
  const domain = item.use('Record');
  if (domain.status === 'verified') return null;
  const { name, value } = domain.verification;
  const w = ctx.words;
  return (
    <Primitive.div
      role="group"
      aria-label={fillIn(w.recordLabel, { domain: domain.domain })}
      data-catalyst="domain-record"
      {...props}
    >
      <p data-catalyst="domain-publish">{fillIn(w.publish, { domain: domain.domain })}</p>
      <dl>
        <dt>{w.recordName}</dt>
        <dd>
          <code data-catalyst="domain-record-name">{name}</code>
        </dd>
        <dt>{w.recordValue}</dt>
        <dd>
          <code data-catalyst="domain-record-value">{value}</code>
        </dd>
      </dl>
      <CopyButton catalyst="domain-copy" value={value} words={w} />
    </Primitive.div>
  );
}

/** A button acting on one domain (`aria-label` names it), `data-state="pending"` while out. */
function Action({
  action,
  text,
  label,
  run,
  ...props
}: ButtonProps & { action: DomainAction; text: string; label: string; run(): void }) {
  const ctx = manager.use(action);
  const domain = item.use(action);
  const busy = ctx.pending(domain.id) === action;
  return (
    <PartButton
      catalyst={`domain-${action}`}
      text={text}
      aria-label={fillIn(label, { domain: domain.domain })}
      data-state={busy ? 'pending' : undefined}
      disabled={busy}
      {...props}
      onPress={run}
    />
  );
}

/** Looks the TXT record up now; rendered while the domain is pending. */
export function Verify(props: ButtonProps) {
  const ctx = manager.use('Verify');
  const domain = item.use('Verify');
  if (!ctx.canManage || domain.status === 'verified') return null;
  const { words: w } = ctx;
  const run = () => {
    ctx.announce(null);
    void ctx.verify(domain.id).then((result) => {
      if (result.ok) ctx.announce(domain.domain);
    });
  };
  return <Action action="verify" text={w.verify} label={w.verifyLabel} run={run} {...props} />;
}

/** Suggest or auto-join, for this domain; changes at once. */
export function Mode(props: SelectProps) {
  const ctx = manager.use('Mode');
  const domain = item.use('Mode');
  if (!ctx.canManage) return null;
  const busy = ctx.pending(domain.id) === 'update';
  return (
    <select
      aria-label={fillIn(ctx.words.modeLabel, { domain: domain.domain })}
      data-catalyst="domain-mode"
      data-state={busy ? 'pending' : undefined}
      disabled={busy}
      {...props}
      value={domain.mode}
      onChange={(event) => void ctx.setMode(domain.id, event.currentTarget.value as DomainMode)}
    >
      <ModeOptions words={ctx.words} />
    </select>
  );
}

export function Remove(props: ButtonProps) {
  const ctx = manager.use('Remove');
  const domain = item.use('Remove');
  if (!ctx.canManage) return null;
  const { words: w } = ctx;
  const run = () => void ctx.remove(domain.id);
  return <Action action="remove" text={w.remove} label={w.removeLabel} run={run} {...props} />;
}

/** The last failed action on this domain (`409 domain_not_verified` after Verify). */
export function ItemError(props: ParagraphProps) {
  const ctx = manager.use('ItemError');
  const domain = item.use('ItemError');
  const failure = ctx.failure?.domainId === domain.id ? ctx.failure.error : null;
  return <ErrorAlert error={failure} catalyst="domain-error" {...props} />;
}

/** A `role="status"` region: "example.com is verified." after a verification here. */
export function Announcement(props: React.ComponentProps<typeof Primitive.p>) {
  const ctx = manager.use('Announcement');
  const text = ctx.announced ? fillIn(ctx.words.verifiedNow, { domain: ctx.announced }) : null;
  return <LiveStatus catalyst="domain-announcement" text={text} {...props} />;
}

export function DefaultItem({ domain }: { domain: OrgDomain }) {
  return (
    <Item domain={domain}>
      <Name /> <Status /> <Mode /> <Verify /> <Remove />
      <ItemError />
      <Record />
    </Item>
  );
}
