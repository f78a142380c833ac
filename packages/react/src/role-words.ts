'use client';
import * as React from 'react';
import { useWords, type RoleWords } from './localization.js';

const ROLE_WORDS: RoleWords = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** A role's display name: the localized word for a built-in role, else its own name. */
export function useRoleName(): (role: string) => string {
  const words = useWords('roles', ROLE_WORDS);
  return React.useCallback(
    (role: string) => (Object.hasOwn(words, role) ? words[role as keyof RoleWords] : role),
    [words],
  );
}
