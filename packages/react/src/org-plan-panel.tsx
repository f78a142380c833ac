'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { fillIn, LiveStatus, PartButton } from './account-parts.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { ErrorAlert, stateOnly } from './key-parts.js';
import { useWords } from './localization.js';
import { PLAN_WORDS } from './org-admin-words.js';
import { Features, Limits, Overrides, panel, Plan, Section } from './org-plan-panel-parts.js';
import { useOrgPlan } from './use-org-plan.js';

const labelKit = lazyContext<FormKit<'label'>>('OrgPlanPanel', 'LabelForm');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

export interface OrgPlanPanelProps extends DivProps {
  /** The org whose plan to show (needs `org:read` there); default the active org. */
  orgId?: string | null;
}

/** Loads the plan, entitlements and labels; `data-can-edit` when the caller may edit labels. */
function Root({ orgId, ...props }: OrgPlanPanelProps) {
  const plan = useOrgPlan(orgId);
  const words = useWords('orgPlanPanel', PLAN_WORDS);
  const id = React.useId();
  const [saved, setSaved] = React.useState(false);
  const [saveError, setSaveError] = React.useState<ClientError | null>(null);
  const { setLabels } = plan;
  const save = React.useCallback(
    async (labels: string[]) => {
      setSaved(false);
      setSaveError(null);
      const result = await setLabels(labels);
      if (result.ok) setSaved(true);
      else setSaveError(result.error);
      return result.ok;
    },
    [setLabels],
  );
  const Context = panel.get();
  return (
    <Context.Provider value={{ ...plan, id, words, saved, save, saveError }}>
      <Primitive.div
        data-catalyst="org-plan"
        data-state={plan.state}
        data-can-edit={plan.canEditLabels ? '' : undefined}
        aria-busy={plan.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function ErrorPart(props: ParagraphProps) {
  const ctx = panel.use('Error');
  if (ctx.state !== 'error') return null;
  return <ErrorAlert error={ctx.error} catalyst="org-plan-error" {...props} />;
}

/** The org's labels; each with a remove button for callers holding `labels:manage`. */
function Labels({ children, ...props }: DivProps) {
  const ctx = panel.use('Labels');
  return (
    <Section part="Labels" catalyst="org-plan-labels" title={ctx.words.labels} {...props}>
      {ctx.labels.length === 0 ? (
        <p data-catalyst="org-plan-none">{ctx.words.noLabels}</p>
      ) : (
        <ul>
          {ctx.labels.map((label) => (
            <li key={label} data-catalyst="org-plan-label" data-label={label}>
              <code>{label}</code>{' '}
              {ctx.canEditLabels && (
                <PartButton
                  catalyst="org-plan-label-remove"
                  text="×"
                  aria-label={fillIn(ctx.words.removeLabel, { label })}
                  disabled={ctx.savingLabels}
                  onPress={() => void ctx.save(ctx.labels.filter((l) => l !== label))}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {children}
    </Section>
  );
}

/** Adds a label (`labels:manage` only); a bad one shows on the field. */
function LabelForm({
  children,
  ...props
}: Omit<React.ComponentPropsWithoutRef<typeof Primitive.form>, 'onSubmit'>) {
  const ctx = panel.use('LabelForm');
  const [label, setLabel] = React.useState('');
  if (ctx.state !== 'ready' || !ctx.canEditLabels) return null;
  const kit: FormKit<'label'> = {
    id: `${ctx.id}-label`,
    pending: ctx.savingLabels,
    readOnly: false,
    // The server names the list entry (`labels.3`): the one at fault is the one being added.
    // (Rebuilt, not spread: an Error's `message` is not enumerable.)
    error: ctx.saveError?.field?.startsWith('labels')
      ? {
          code: ctx.saveError.code,
          status: ctx.saveError.status,
          message: ctx.saveError.message,
          field: 'label',
        }
      : ctx.saveError,
    isField: (field) => field === 'label',
    label: () => ctx.words.newLabel,
    input: () => ({
      type: 'text',
      required: true,
      maxLength: 200,
      autoComplete: 'off',
      spellCheck: false,
      placeholder: ctx.words.labelHint,
      value: label,
      onChange: (event) => setLabel(event.currentTarget.value),
    }),
    submit: ctx.words.addLabel,
  };
  const Context = labelKit.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        aria-label={ctx.words.addLabel}
        data-catalyst="org-plan-label-form"
        data-state={ctx.savingLabels ? 'pending' : ctx.saveError ? 'error' : 'idle'}
        {...props}
        onSubmit={async (event: React.FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          const next = label.trim();
          if (next && (await ctx.save([...ctx.labels, next]))) setLabel('');
        }}
      >
        {children}
      </Primitive.form>
    </Context.Provider>
  );
}

const labelForm = makeFormParts<'label'>(labelKit.use);

/** "Labels saved." in a `role="status"` region. */
function Saved(props: React.ComponentProps<typeof Primitive.p>) {
  const ctx = panel.use('Saved');
  return (
    <LiveStatus catalyst="org-plan-saved" text={ctx.saved ? ctx.words.saved : null} {...props} />
  );
}

const Loading = stateOnly('loading', 'org-plan', panel.use, 'Loading');
const Empty = stateOnly('empty', 'org-plan', panel.use, 'Empty');
const Forbidden = stateOnly('forbidden', 'org-plan', panel.use, 'Forbidden');

function DefaultOrgPlanPanel(props: OrgPlanPanelProps) {
  return (
    <Root {...props}>
      <Loading />
      <Empty />
      <Forbidden />
      <ErrorPart />
      <Plan />
      <Features />
      <Limits />
      <Overrides />
      <Labels>
        <LabelForm>
          <labelForm.Error />
          <div data-catalyst="field" data-name="label">
            <labelForm.Label name="label" />
            <labelForm.Field name="label" />
            <labelForm.Error field="label" />
          </div>
          <labelForm.Submit />
        </LabelForm>
        <Saved />
      </Labels>
    </Root>
  );
}

/**
 * `<OrgPlanPanel />`: an org's plan with its features and limits (read-only: billing sets the
 * plan), per-member overrides for those who manage them, and the org's labels, editable with
 * `labels:manage`. Compose your own from `OrgPlanPanel.Root`, `.Loading`, `.Empty`,
 * `.Forbidden`, `.Error`, `.Plan`, `.Features`, `.Limits`, `.Overrides`, `.Labels`, `.LabelForm`
 * (with `.Label`, `.Field`, `.Error`, `.Submit`) and `.Saved`.
 */
export const OrgPlanPanel = Object.assign(DefaultOrgPlanPanel, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Plan,
  Features,
  Limits,
  Overrides,
  Labels,
  LabelForm: Object.assign(LabelForm, labelForm),
  Saved,
});
