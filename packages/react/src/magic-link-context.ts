'use client';
import type { SessionPayload } from '@catalyst/authkit';
import type { RedirectOptions } from './account-kit.js';
import type { MagicLinkWords } from './email-words.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import type { UseMagicLinkResult } from './use-email-flows.js';

/** What `<MagicLink>`'s parts share. */
export type MagicLinkField = 'email' | 'code';

export interface MagicLinkContext extends FormKit<MagicLinkField> {
  hook: UseMagicLinkResult;
  words: MagicLinkWords;
  redirect: RedirectOptions;
  complete(payload: SessionPayload): void;
  onUsePassword: (() => void) | undefined;
  onComplete: ((payload: SessionPayload) => void) | undefined;
}

export const magicLink = lazyContext<MagicLinkContext>('MagicLink');

export const magicLinkParts = makeFormParts<MagicLinkField>(magicLink.use);
