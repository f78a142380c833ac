'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { PartButton, type ButtonProps } from './account-parts.js';
import { editor, errorDomId, ruleOf, useRuleError } from './claim-mapping-context.js';
import { errorOn, type DraftRule } from './claim-mapping-draft.js';
import { RuleLabels } from './claim-mapping-labels.js';
import { ErrorAlert } from './key-parts.js';
import { useRoleName } from './role-words.js';

/** The parts of one rule in `<ClaimMappingEditor>`: its fields, move, remove and its error. */

type DivProps = Omit<React.ComponentPropsWithoutRef<typeof Primitive.div>, 'children'>;
type FieldsetProps = Omit<React.ComponentPropsWithoutRef<'fieldset'>, 'children'>;

export interface ClaimRuleProps extends React.ComponentPropsWithoutRef<typeof Primitive.li> {
  rule: DraftRule;
  index: number;
}

/**
 * One rule: a list item holding a group named "Rule {n}" (`data-rule-index`, `data-matched`
 * when the last preview matched it, `data-invalid` when the save's error names it).
 */
export function Rule({ rule, index, children, ...props }: ClaimRuleProps) {
  const ctx = editor.use('Rule');
  const id = `${ctx.id}-rule-${index}`;
  const matched = ctx.result?.matched.includes(index) ?? false;
  const invalid = errorOn(ctx.saveError, index, null) !== null;
  const Context = ruleOf.get();
  return (
    <Context.Provider value={{ rule, index, id }}>
      <Primitive.li
        data-catalyst="claim-rule"
        data-rule-index={index}
        data-matched={matched ? '' : undefined}
        data-invalid={invalid ? '' : undefined}
        {...props}
      >
        <fieldset
          data-catalyst="claim-rule-group"
          disabled={ctx.saving}
          aria-describedby={invalid ? errorDomId(`${id}-rule`) : undefined}
        >
          <legend data-catalyst="legend">{ctx.ruleLabel(ctx.words.rule, index)}</legend>
          {children}
        </fieldset>
      </Primitive.li>
    </Context.Provider>
  );
}

/** A text input of the rule (`claim` or `value`) with its label and error. */
function TextPart({
  which: part,
  hint,
  ...props
}: DivProps & { which: 'claim' | 'value'; hint?: string }) {
  const ctx = editor.use(part);
  const rule = ruleOf.use(part);
  const { error, id: errorId } = useRuleError(part);
  const id = `${rule.id}-${part}`;
  const hintId = `${id}-hint`;
  return (
    <Primitive.div data-catalyst="field" data-name={part} {...props}>
      <label htmlFor={id} data-catalyst="label">
        {ctx.words[part]}
      </label>
      <input
        id={id}
        type="text"
        required
        autoComplete="off"
        spellCheck={false}
        maxLength={part === 'claim' ? 320 : 256}
        value={rule.rule[part]}
        onChange={(event) => {
          const text = event.currentTarget.value;
          ctx.draft.update(rule.index, part === 'claim' ? { claim: text } : { value: text });
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : hint ? hintId : undefined}
        data-invalid={error ? '' : undefined}
        data-catalyst="input"
      />
      {hint && (
        <span id={hintId} data-catalyst="hint">
          {hint}
        </span>
      )}
      <ErrorAlert error={error} id={errorId} catalyst="error" />
    </Primitive.div>
  );
}

export function RuleClaim(props: DivProps) {
  return <TextPart which="claim" hint={editor.use('RuleClaim').words.claimHint} {...props} />;
}

export function RuleValue(props: DivProps) {
  return <TextPart which="value" {...props} />;
}

/** Checkboxes in a fieldset: what the rule grants of `part` (roles or groups). */
function Choices({
  which: part,
  options,
  empty,
  ...props
}: FieldsetProps & {
  which: 'roles' | 'groups';
  options: Array<{ value: string; label: string }>;
  empty?: string;
}) {
  const ctx = editor.use(part);
  const rule = ruleOf.use(part);
  const { error, id: errorId } = useRuleError(part);
  const chosen = rule.rule[part];
  // What the rule holds but the org no longer lists (a deleted role or group) stays visible.
  const all = [
    ...options,
    ...chosen
      .filter((v) => !options.some((o) => o.value === v))
      .map((value) => ({ value, label: value })),
  ];
  return (
    <fieldset
      data-catalyst={`claim-rule-${part}`}
      data-invalid={error ? '' : undefined}
      aria-describedby={error ? errorId : undefined}
      {...props}
    >
      <legend data-catalyst="legend">{ctx.words[part]}</legend>
      {all.length === 0 && empty && <p data-catalyst="hint">{empty}</p>}
      {all.map(({ value, label }) => {
        const id = `${rule.id}-${part}-${value}`;
        return (
          <div key={value} data-catalyst="checkbox" data-name={value}>
            <input
              id={id}
              type="checkbox"
              value={value}
              checked={chosen.includes(value)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                const next = on ? [...chosen, value].sort() : chosen.filter((v) => v !== value);
                ctx.draft.update(rule.index, part === 'roles' ? { roles: next } : { groups: next });
              }}
              data-catalyst="input"
            />
            <label htmlFor={id} data-catalyst="label">
              {label}
            </label>
          </div>
        );
      })}
      <ErrorAlert error={error} id={errorId} catalyst="error" />
    </fieldset>
  );
}

/** The roles the rule grants: the org's roles but `owner` (a provider never makes an owner). */
export function RuleRoles(props: FieldsetProps) {
  const ctx = editor.use('RuleRoles');
  const roleName = useRoleName();
  const options = ctx.roles.map((role) => ({ value: role, label: roleName(role) }));
  return <Choices which="roles" options={options} {...props} />;
}

/** The groups the rule adds people to: the org's groups. */
export function RuleGroups(props: FieldsetProps) {
  const ctx = editor.use('RuleGroups');
  const options = ctx.groups.map((group) => ({ value: group.id, label: group.name }));
  return <Choices which="groups" options={options} empty={ctx.words.noGroups} {...props} />;
}

/** "Move rule {n} up" and "… down"; each disabled at its end of the list. */
export function RuleMove(props: DivProps) {
  const ctx = editor.use('RuleMove');
  const rule = ruleOf.use('RuleMove');
  const last = ctx.draft.rules.length - 1;
  return (
    <Primitive.div data-catalyst="claim-rule-move" {...props}>
      <PartButton
        catalyst="claim-rule-up"
        text="↑"
        aria-label={ctx.ruleLabel(ctx.words.moveUp, rule.index)}
        disabled={rule.index === 0}
        onPress={() => {
          ctx.setSaveError(null);
          ctx.setResult(null);
          ctx.draft.move(rule.index, -1);
        }}
      />
      <PartButton
        catalyst="claim-rule-down"
        text="↓"
        aria-label={ctx.ruleLabel(ctx.words.moveDown, rule.index)}
        disabled={rule.index === last}
        onPress={() => {
          ctx.setSaveError(null);
          ctx.setResult(null);
          ctx.draft.move(rule.index, 1);
        }}
      />
    </Primitive.div>
  );
}

export function RuleRemove(props: ButtonProps) {
  const ctx = editor.use('RuleRemove');
  const rule = ruleOf.use('RuleRemove');
  const label = ctx.ruleLabel(ctx.words.removeRule, rule.index);
  return (
    <PartButton
      catalyst="claim-rule-remove"
      text={label}
      {...props}
      onPress={() => {
        ctx.setSaveError(null);
        ctx.setResult(null);
        ctx.draft.remove(rule.index);
      }}
    />
  );
}

/** The save's error on the rule itself (`rules.0`: it grants nothing). */
export function RuleError(props: React.ComponentPropsWithoutRef<typeof Primitive.p>) {
  const { error, id } = useRuleError(null);
  return <ErrorAlert error={error} id={id} catalyst="claim-rule-error" {...props} />;
}

export function DefaultRule({ rule, index }: { rule: DraftRule; index: number }) {
  return (
    <Rule rule={rule} index={index}>
      <RuleError />
      <RuleClaim />
      <RuleValue />
      <RuleRoles />
      <RuleGroups />
      <RuleLabels />
      <RuleMove />
      <RuleRemove />
    </Rule>
  );
}
