/**
 * Labels are `key:value` strings (`plan:pro`, `region:us`) merged in layers; a `-key` entry
 * removes whatever an earlier layer set for that key.
 */
import { AuthkitError } from './errors.js';

/** Starts with a letter so a leading `-` always means removal; no `:` so the first one splits. */
export const LABEL_KEY_PATTERN = /^[a-z][a-z0-9_.-]{0,62}$/;
export const LABEL_VALUE_MAX = 128;

/* eslint-disable no-control-regex -- matching control characters is the point */
// Same set the HTTP schemas reject: C0/C1 controls, line separators and bidi overrides.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

export type ParsedLabel =
  { kind: 'set'; key: string; value: string } | { kind: 'remove'; key: string };

function invalid(message: string, field: string): AuthkitError {
  return new AuthkitError('invalid_request', message, { field });
}

function checkKey(key: string, field: string): void {
  if (!LABEL_KEY_PATTERN.test(key)) {
    throw invalid(
      'A label key is 1–63 characters: lower-case letters, digits, _ . and -, starting with a letter.',
      field,
    );
  }
}

/** Parses `key:value` or `-key`; throws `invalid_request` with `field` on anything else. */
export function parseLabel(text: string, field = 'labels'): ParsedLabel {
  if (text.startsWith('-')) {
    const key = text.slice(1);
    checkKey(key, field);
    return { kind: 'remove', key };
  }
  const colon = text.indexOf(':');
  if (colon === -1) throw invalid('A label must look like key:value (or -key to remove).', field);
  const key = text.slice(0, colon);
  const value = text.slice(colon + 1);
  checkKey(key, field);
  // Counted in code points so an emoji is one character, as a user would count it.
  const length = [...value].length;
  if (length < 1 || length > LABEL_VALUE_MAX) {
    throw invalid(`A label value is 1–${LABEL_VALUE_MAX} characters.`, field);
  }
  if (CONTROL_CHARACTERS.test(value)) {
    throw invalid('A label value must not contain control characters.', field);
  }
  return { kind: 'set', key, value };
}

/** Parses every entry; the error names the offending index (`labels.2`). */
export function validateLabels(list: readonly string[], field = 'labels'): ParsedLabel[] {
  return list.map((text, index) => parseLabel(text, `${field}.${index}`));
}

/**
 * Merges layers in order: later layers (and later entries within a layer) win per key, `-key`
 * removes. Returns sorted `key:value` strings. Stored layers were validated on write, so a bad
 * entry here is a bug and throws rather than being silently dropped.
 */
export function mergeLabels(...layers: ReadonlyArray<readonly string[]>): string[] {
  const merged = new Map<string, string>();
  layers.forEach((layer, layerIndex) => {
    for (const label of validateLabels(layer, `labels.${layerIndex}`)) {
      if (label.kind === 'set') merged.set(label.key, label.value);
      else merged.delete(label.key);
    }
  });
  return [...merged.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) // by key: `a` < `a.b`, unlike `a:…` vs `a.b:…`
    .map((key) => `${key}:${merged.get(key) ?? ''}`);
}
