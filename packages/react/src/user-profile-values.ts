import type { Profile, ProfilePatch } from '@catalyst/authkit';
import type * as React from 'react';
import { fieldDomId } from './form-kit.js';
import type { UserProfileWords } from './profile-words.js';

/** The profile form's values: read from a profile, written back as a patch, wired to inputs. */

/**
 * A custom profile field as your server's `profileFields` declares it, with the label to show.
 * The server does not publish its field settings, so the form shows the fields you describe here
 * (and leaves the others as they are).
 */
export type ProfileFieldDescription = { label: string } & (
  | { type: 'string'; maxLength?: number }
  | { type: 'number'; min?: number; max?: number; integer?: boolean }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
);

/** The form's field names are the server's field paths, so its errors land on them. */
export type UserProfileFieldName = 'name' | 'locale' | 'timezone' | `fields.${string}`;

export type Values = Record<string, string | boolean>;
export type Described = Record<string, ProfileFieldDescription>;

export const CUSTOM = 'fields.';
export const HINTS: Partial<Record<UserProfileFieldName, keyof UserProfileWords>> = {
  locale: 'localeHint',
  timezone: 'timezoneHint',
};

export function valuesOf(profile: Profile, fields: Described): Values {
  const values: Values = {
    name: profile.name ?? '',
    locale: profile.locale ?? '',
    timezone: profile.timezone ?? '',
  };
  for (const [name, spec] of Object.entries(fields)) {
    const value = profile.fields[name];
    values[CUSTOM + name] =
      spec.type === 'boolean' ? value === true : value == null ? '' : String(value);
  }
  return values;
}

/** Empty clears (null); a number that does not parse goes as typed, for the server to name. */
export function patchOf(values: Values, fields: Described): ProfilePatch {
  const text = (name: string) => String(values[name] ?? '').trim() || null;
  const patch: ProfilePatch = {
    name: text('name'),
    locale: text('locale'),
    timezone: text('timezone'),
  };
  const custom = Object.entries(fields).map(([name, spec]) => {
    const value = values[CUSTOM + name];
    if (spec.type === 'boolean') return [name, value === true] as const;
    const typed = text(CUSTOM + name);
    const number = typed === null ? NaN : Number(typed);
    return [name, spec.type === 'number' && !Number.isNaN(number) ? number : typed] as const;
  });
  return custom.length > 0 ? { ...patch, fields: Object.fromEntries(custom) } : patch;
}

export interface InputContext {
  values: Values | null;
  fields: Described;
  set(name: string, value: string | boolean): void;
  id: string;
  invalid: boolean;
}

/** What one input needs: its value and type from the field; its hint and error described by id. */
export function inputProps(
  name: UserProfileFieldName,
  { values, fields, set, id, invalid }: InputContext,
): React.ComponentPropsWithoutRef<'input'> {
  const spec = name.startsWith(CUSTOM) ? fields[name.slice(CUSTOM.length)] : undefined;
  const value = values?.[name];
  const base = fieldDomId(id, name);
  const describedBy = [HINTS[name] ? `${base}-hint` : null, invalid ? `${base}-error` : null]
    .filter(Boolean)
    .join(' ');
  const described = describedBy ? { 'aria-describedby': describedBy } : {};
  if (spec?.type === 'boolean') {
    return {
      type: 'checkbox',
      checked: value === true,
      onChange: (event) => set(name, event.currentTarget.checked),
      ...described,
    };
  }
  return {
    type: spec?.type === 'number' ? 'number' : 'text',
    value: typeof value === 'string' ? value : '',
    onChange: (event) => set(name, event.currentTarget.value),
    ...described,
    ...(name === 'name' ? { autoComplete: 'name', maxLength: 200 } : {}),
    ...(name === 'locale' ? { autoComplete: 'language', placeholder: 'en-US', maxLength: 35 } : {}),
    ...(name === 'timezone'
      ? { list: `${id}-timezones`, placeholder: 'Europe/Paris', maxLength: 64 }
      : {}),
    ...(spec?.type === 'string' ? { maxLength: spec.maxLength ?? 200 } : {}),
    ...(spec?.type === 'number'
      ? {
          min: spec.min,
          max: spec.max,
          step: spec.integer ? 1 : 'any',
          inputMode: 'decimal' as const,
        }
      : {}),
  };
}
