'use client';
import type { ClaimMapping, ClaimRule, ClientError } from '@catalyst/authkit';
import * as React from 'react';
import type { ClaimMappingInput } from './data/sso-resources.js';

/** A rule being edited: the rule, and a key that stays with it when rules move. */
export interface DraftRule extends ClaimRule {
  key: string;
}

/** The part of a rule a server error names. */
export type RulePart = 'claim' | 'value' | 'roles' | 'groups' | 'labels';

/**
 * Where a server field path points: `rules.2.roles.0` → rule 2, its roles; `rules.0` → the rule
 * itself (`part` null: it grants nothing). Other paths (`rules`, `deprovision`) → null.
 */
export function ruleFieldOf(
  field: string | undefined,
): { index: number; part: RulePart | null } | null {
  const match = /^rules\.(\d+)(?:\.(claim|value|roles|groups|labels)(?:\.\d+)?)?$/.exec(
    field ?? '',
  );
  if (!match) return null;
  return { index: Number(match[1]), part: (match[2] as RulePart | undefined) ?? null };
}

/** The error on one part of rule `index` (`part` null: on the rule itself), if that is where it is. */
export function errorOn(
  error: ClientError | null,
  index: number,
  part: RulePart | null,
): ClientError | null {
  const at = ruleFieldOf(error?.field);
  return at && at.index === index && at.part === part ? error : null;
}

let next = 0;
const keyed = (rule: ClaimRule): DraftRule => ({ ...rule, key: `r${(next += 1)}` });

export const blankRule = (): ClaimRule => ({
  claim: 'groups',
  value: '',
  roles: [],
  groups: [],
  labels: [],
});

export interface ClaimMappingDraft {
  rules: DraftRule[];
  deprovision: boolean;
  /** Whether the draft differs from what was saved. */
  dirty: boolean;
  add(rule?: ClaimRule): void;
  remove(index: number): void;
  /** Moves rule `index` by `by` places (-1 up, 1 down). */
  move(index: number, by: number): void;
  update(index: number, patch: Partial<ClaimRule>): void;
  setDeprovision(on: boolean): void;
  /** Back to `to` (what a save answered), or by default to the saved rules. */
  reset(to?: ClaimMapping | null): void;
  /** The draft as sent: in order, without the keys. */
  input(): ClaimMappingInput;
}

const plain = (rules: readonly ClaimRule[]) =>
  JSON.stringify(
    rules.map(({ claim, value, roles, groups, labels }) => [claim, value, roles, groups, labels]),
  );

/**
 * The rules being edited, from the saved `mapping`: edits stay here until saved or discarded.
 */
export function useClaimMappingDraft(mapping: ClaimMapping | null): ClaimMappingDraft {
  const [base, setBase] = React.useState(mapping);
  const [rules, setRules] = React.useState<DraftRule[]>(() => (mapping?.rules ?? []).map(keyed));
  const [deprovision, setDeprovisionState] = React.useState(mapping?.deprovision ?? false);
  const dirty =
    plain(rules) !== plain(base?.rules ?? []) || deprovision !== (base?.deprovision ?? false);
  const reset = React.useCallback((to: ClaimMapping | null) => {
    setBase(to);
    setRules((to?.rules ?? []).map(keyed));
    setDeprovisionState(to?.deprovision ?? false);
  }, []);
  // Adjusting state while rendering (React's pattern for "reset when a prop changes"): the
  // rules are taken when they first load (or go, with the provider); a refetch does not
  // overwrite edits. After a save, `reset` takes what the server answered.
  if ((base === null) !== (mapping === null)) reset(mapping);
  return {
    rules,
    deprovision,
    dirty,
    add: (rule = blankRule()) => setRules((current) => [...current, keyed(rule)]),
    remove: (index) => setRules((current) => current.filter((_, i) => i !== index)),
    move: (index, by) =>
      setRules((current) => {
        const to = index + by;
        if (to < 0 || to >= current.length) return current;
        const moved = [...current];
        [moved[index], moved[to]] = [moved[to]!, moved[index]!];
        return moved;
      }),
    update: (index, patch) =>
      setRules((current) => current.map((rule, i) => (i === index ? { ...rule, ...patch } : rule))),
    setDeprovision: setDeprovisionState,
    reset: (to) => reset(to === undefined ? mapping : to),
    input: () => ({
      rules: rules.map(({ claim, value, roles, groups, labels }) => ({
        claim: claim.trim(),
        value: value.trim(),
        roles,
        groups,
        labels,
      })),
      deprovision,
    }),
  };
}
