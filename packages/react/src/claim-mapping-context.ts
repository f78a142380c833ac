'use client';
import type { ClientError, MappingPreview } from '@catalyst/authkit';
import { errorOn, type RulePart } from './claim-mapping-draft.js';
import { lazyContext } from './form-kit.js';
import type { ClaimMappingDraft, DraftRule } from './claim-mapping-draft.js';
import type { ClaimMappingWords } from './sso-settings-words.js';
import type { UseClaimMappingResult } from './use-claim-mapping.js';

/** The contexts `ClaimMappingEditor`'s parts share (its rules, its preview). */

export interface EditorContext extends UseClaimMappingResult {
  id: string;
  words: ClaimMappingWords;
  draft: ClaimMappingDraft;
  /** The last save's failure (its `field` names the rule part: `rules.2.roles.0`), or a local one. */
  saveError: ClientError | null;
  setSaveError(error: ClientError | null): void;
  /** Announced after a save. */
  saved: boolean;
  setSaved(saved: boolean): void;
  /** The last preview's answer, and the sample claims as typed. */
  result: MappingPreview | null;
  setResult(result: MappingPreview | null): void;
  claimsText: string;
  setClaimsText(text: string): void;
  /** `{n}` replaced by a rule's number (1-based). */
  ruleLabel(template: string, index: number): string;
}

export interface RuleContext {
  rule: DraftRule;
  index: number;
  /** Prefix for the DOM ids of this rule's fields. */
  id: string;
}

export const editor = lazyContext<EditorContext>('ClaimMappingEditor');
export const ruleOf = lazyContext<RuleContext>('ClaimMappingEditor', 'Rule');

export const errorDomId = (id: string) => `${id}-error`;

/** The error on this rule's `part` (null: the rule itself), as the save answered it. */
export function useRuleError(part: RulePart | null): { error: ClientError | null; id: string } {
  const ctx = editor.use('Rule');
  const rule = ruleOf.use('Rule');
  return {
    error: errorOn(ctx.saveError, rule.index, part),
    id: errorDomId(`${rule.id}-${part ?? 'rule'}`),
  };
}
