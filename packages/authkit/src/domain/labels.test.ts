import { describe, expect, it } from 'vitest';
import { AuthkitError } from './errors.js';
import { mergeLabels, parseLabel, validateLabels } from './labels.js';

function errorOf(run: () => unknown): AuthkitError {
  try {
    run();
  } catch (error) {
    if (error instanceof AuthkitError) return error;
    throw error;
  }
  throw new Error('expected an AuthkitError');
}

describe('parseLabel', () => {
  it('parses key:value, splitting at the first colon', () => {
    expect(parseLabel('plan:pro')).toEqual({ kind: 'set', key: 'plan', value: 'pro' });
    expect(parseLabel('site.url:https://x.test:8443')).toEqual({
      kind: 'set',
      key: 'site.url',
      value: 'https://x.test:8443',
    });
  });

  it('parses -key as a removal', () => {
    expect(parseLabel('-region')).toEqual({ kind: 'remove', key: 'region' });
  });

  it('accepts the length limits, counting code points', () => {
    expect(parseLabel(`${'k'.repeat(63)}:v`).key).toHaveLength(63);
    expect(parseLabel(`k:${'v'.repeat(128)}`)).toMatchObject({ kind: 'set' });
    expect(parseLabel(`k:${'😀'.repeat(128)}`)).toMatchObject({ kind: 'set' });
    expect(parseLabel('team:Données & Co')).toMatchObject({ value: 'Données & Co' });
  });

  it.each([
    ['no colon', 'plan'],
    ['empty key', ':pro'],
    ['empty value', 'plan:'],
    ['upper-case key', 'Plan:pro'],
    ['key starting with a digit', '1plan:pro'],
    ['space in key', 'my plan:pro'],
    ['key too long', `${'k'.repeat(64)}:v`],
    ['value too long', `k:${'v'.repeat(129)}`],
    ['NUL in value', 'k:a\u0000b'],
    ['newline in value', 'k:a\nb'],
    ['C1 control in value', 'k:a\u0085b'],
    ['bidi override in value', 'k:a\u202eb'],
    ['bare dash', '-'],
    ['removal with a value', '-plan:pro'],
    ['double dash', '--plan'],
    ['empty string', ''],
  ])('rejects %s', (_why, text) => {
    const error = errorOf(() => parseLabel(text, 'org.labels.0'));
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.field).toBe('org.labels.0');
  });

  it('defaults the field to labels', () => {
    expect(errorOf(() => parseLabel('nope')).field).toBe('labels');
  });
});

describe('validateLabels', () => {
  it('returns the parsed entries', () => {
    expect(validateLabels(['plan:pro', '-region'])).toEqual([
      { kind: 'set', key: 'plan', value: 'pro' },
      { kind: 'remove', key: 'region' },
    ]);
  });

  it('names the offending index', () => {
    expect(errorOf(() => validateLabels(['a:1', 'b:2', 'bad'])).field).toBe('labels.2');
    expect(errorOf(() => validateLabels(['Bad:1'], 'membership.labels')).field).toBe(
      'membership.labels.0',
    );
  });
});

describe('mergeLabels', () => {
  it('lets later layers win per key and sorts by key', () => {
    expect(mergeLabels(['region:us', 'plan:free'], ['plan:pro'], ['tier:gold'])).toEqual([
      'plan:pro',
      'region:us',
      'tier:gold',
    ]);
  });

  it('removes a key set earlier, and a later layer can set it again', () => {
    expect(mergeLabels(['region:us', 'plan:pro'], ['-region'])).toEqual(['plan:pro']);
    expect(mergeLabels(['region:us'], ['-region'], ['region:eu'])).toEqual(['region:eu']);
  });

  it('applies entries within a layer in order', () => {
    expect(mergeLabels(['a:1', 'a:2', '-b', 'b:3'])).toEqual(['a:2', 'b:3']);
    expect(mergeLabels(['a:1', '-a'])).toEqual([]);
  });

  it('ignores removal of a key nobody set', () => {
    expect(mergeLabels(['-ghost'], ['a:1'])).toEqual(['a:1']);
  });

  it('sorts by key, not by the whole string', () => {
    // As strings `a.b:y` < `a:x` ('.' < ':'); by key `a` comes first.
    expect(mergeLabels(['a.b:y', 'a:x'])).toEqual(['a:x', 'a.b:y']);
  });

  it('handles no layers', () => {
    expect(mergeLabels()).toEqual([]);
    expect(mergeLabels([], [])).toEqual([]);
  });

  it('names the layer and index of a bad stored entry', () => {
    expect(errorOf(() => mergeLabels(['a:1'], ['b:2', 'oops'])).field).toBe('labels.1.1');
  });
});
