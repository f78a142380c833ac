'use client';
import type { ClientError, MappingPreview } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { fillIn, PartText } from './account-parts.js';
import { editor } from './claim-mapping-context.js';
import { useClaimMappingDraft, type DraftRule } from './claim-mapping-draft.js';
import { Preview, PreviewClaims, PreviewResult, PreviewRun } from './claim-mapping-preview.js';
import {
  DefaultRule,
  Rule,
  RuleClaim,
  RuleError,
  RuleGroups,
  RuleMove,
  RuleRemove,
  RuleRoles,
  RuleValue,
} from './claim-mapping-rule.js';
import {
  AddRule,
  Announcement,
  Deprovision,
  Discard,
  FormError,
  Save,
} from './claim-mapping-form.js';
import { RuleLabels } from './claim-mapping-labels.js';
import { ErrorAlert } from './key-parts.js';
import { useWords } from './localization.js';
import { CLAIM_MAPPING_WORDS } from './sso-settings-words.js';
import { useClaimMapping, type UseClaimMappingOptions } from './use-claim-mapping.js';

export type { ClaimRuleProps } from './claim-mapping-rule.js';

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

export interface ClaimMappingEditorProps extends DivProps, UseClaimMappingOptions {
  /** The org whose provider's rules to edit (owners: `sso:manage`); default the active org. */
  orgId?: string | null;
}

/**
 * Loads the rules and holds the edits. `data-state`: `loading|empty|error|ready|forbidden`
 * (`empty`: no provider is connected, so there is nothing to map); `data-dirty` while there are
 * unsaved edits, `data-saving` while they are being saved.
 */
function Root({ orgId, sso, ...props }: ClaimMappingEditorProps) {
  const hook = useClaimMapping(orgId, sso ? { sso } : {});
  const words = useWords('claimMapping', CLAIM_MAPPING_WORDS);
  const draft = useClaimMappingDraft(hook.mapping);
  const id = React.useId();
  const [saveError, setSaveError] = React.useState<ClientError | null>(null);
  const [saved, setSaved] = React.useState(false);
  const [result, setResult] = React.useState<MappingPreview | null>(null);
  const [claimsText, setClaimsText] = React.useState('');
  const ruleLabel = React.useCallback(
    (template: string, index: number) => fillIn(template, { n: String(index + 1) }),
    [],
  );
  const Context = editor.get();
  return (
    <Context.Provider
      value={{
        ...hook,
        id,
        words,
        draft,
        saveError,
        setSaveError,
        saved,
        setSaved,
        result,
        setResult,
        claimsText,
        setClaimsText,
        ruleLabel,
      }}
    >
      <Primitive.div
        data-catalyst="claim-mapping"
        data-state={hook.state}
        data-dirty={draft.dirty ? '' : undefined}
        data-saving={hook.saving ? '' : undefined}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function stateOnly(state: 'loading' | 'empty' | 'forbidden') {
  return function StatePart(props: ParagraphProps) {
    const ctx = editor.use(state);
    if (ctx.state !== state) return null;
    const text = state === 'empty' && ctx.orgId === null ? ctx.words.noOrg : ctx.words[state];
    return <PartText catalyst={`claim-mapping-${state}`} text={text} {...props} />;
  };
}

const Loading = stateOnly('loading');
const Empty = stateOnly('empty');
const Forbidden = stateOnly('forbidden');

/** Loading failed (an alert with `data-code`). */
function ErrorPart(props: ParagraphProps) {
  const ctx = editor.use('Error');
  if (ctx.state !== 'error') return null;
  return <ErrorAlert error={ctx.error} catalyst="claim-mapping-error" {...props} />;
}

/**
 * The rules form, named by `Title`; rendered once the rules are loaded. Saving sends the rules
 * in order: an error naming `rules.2.roles.0` shows on rule 3's roles.
 */
function Form({ children, ...props }: Omit<React.ComponentPropsWithoutRef<'form'>, 'onSubmit'>) {
  const ctx = editor.use('Form');
  if (ctx.state !== 'ready') return null;
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    ctx.setSaveError(null);
    ctx.setSaved(false);
    const result = await ctx.save(ctx.draft.input());
    if (!result.ok) return ctx.setSaveError(result.error);
    ctx.draft.reset(result.data);
    ctx.setSaved(true);
  };
  return (
    <form
      noValidate
      aria-labelledby={`${ctx.id}-title`}
      data-catalyst="claim-mapping-form"
      data-state={ctx.saving ? 'pending' : ctx.saveError ? 'error' : 'idle'}
      aria-busy={ctx.saving || undefined}
      {...props}
      onSubmit={onSubmit}
    >
      {children}
    </form>
  );
}

/** "Claim rules": the form's heading (its accessible name). */
function Title(props: ParagraphProps) {
  const ctx = editor.use('Title');
  return (
    <PartText
      catalyst="claim-mapping-title"
      id={`${ctx.id}-title`}
      text={ctx.words.title}
      {...props}
    />
  );
}

/** What the rules do, in a sentence or two. */
function Intro(props: ParagraphProps) {
  const ctx = editor.use('Intro');
  return <PartText catalyst="claim-mapping-intro" text={ctx.words.intro} {...props} />;
}

interface RulesProps extends Omit<React.ComponentPropsWithoutRef<typeof Primitive.ol>, 'children'> {
  /** One entry per rule; default: its error, claim, value, roles, groups, labels, move, remove. */
  children?: (rule: DraftRule, index: number) => React.ReactNode;
}

/** The rules in order (`data-state="empty|ready"`); "No rules yet" while there are none. */
function Rules({ children, ...props }: RulesProps) {
  const ctx = editor.use('Rules');
  const rules = ctx.draft.rules;
  if (rules.length === 0)
    return <PartText catalyst="claim-mapping-rules" data-state="empty" text={ctx.words.noRules} />;
  return (
    <Primitive.ol data-catalyst="claim-mapping-rules" data-state="ready" {...props}>
      {rules.map((rule, index) => (
        <React.Fragment key={rule.key}>
          {children ? children(rule, index) : <DefaultRule rule={rule} index={index} />}
        </React.Fragment>
      ))}
    </Primitive.ol>
  );
}

function DefaultClaimMappingEditor(props: ClaimMappingEditorProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Form>
        <Title />
        <Intro />
        <FormError />
        <Rules />
        <AddRule />
        <Deprovision />
        <Save /> <Discard />
      </Form>
      <Announcement />
      <Preview />
    </Root>
  );
}

export type ClaimMappingRulesProps = RulesProps;

/**
 * `<ClaimMappingEditor />`: the claim rules of an org's provider (owners only): which claim
 * values grant which roles (never owner), groups and labels, whether a sign-in that matches no
 * rule takes the member out, and a preview of sample claims against the rules as edited.
 * Compose your own from `ClaimMappingEditor.Root`, `.Loading`, `.Empty`, `.Forbidden`, `.Error`,
 * `.Form` (with `.Title`, `.Intro`, `.FormError`, `.Rules`, `.AddRule`, `.Deprovision`, `.Save`,
 * `.Discard`), `.Rule` (with `.RuleError`, `.RuleClaim`, `.RuleValue`, `.RuleRoles`,
 * `.RuleGroups`, `.RuleLabels`, `.RuleMove`, `.RuleRemove`), `.Announcement` and `.Preview`
 * (with `.PreviewClaims`, `.PreviewRun`, `.PreviewResult`).
 */
export const ClaimMappingEditor = Object.assign(DefaultClaimMappingEditor, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Form,
  Title,
  Intro,
  FormError,
  Rules,
  AddRule,
  Deprovision,
  Save,
  Discard,
  Rule,
  RuleError,
  RuleClaim,
  RuleValue,
  RuleRoles,
  RuleGroups,
  RuleLabels,
  RuleMove,
  RuleRemove,
  Announcement,
  Preview,
  PreviewClaims,
  PreviewRun,
  PreviewResult,
});
