'use client';
import type { Passkey } from '@catalyst/authkit';
import { fillIn, PartButton, type ButtonProps } from './account-parts.js';
import { lazyContext } from './form-kit.js';
import type { PasskeyWords } from './security-words.js';
import type { UsePasskeysResult } from './use-passkeys.js';

/** The default words of `<PasskeySetup>` and `<PasskeyList>`. */
export const PASSKEY_WORDS: PasskeyWords = {
  setupTitle: 'Add a passkey',
  name: 'Passkey name',
  nameHint: 'So you can tell your passkeys apart, e.g. “Work laptop”.',
  add: 'Add passkey',
  added: 'Passkey “{name}” added.',
  listLabel: 'Your passkeys',
  loading: 'Loading passkeys…',
  empty: 'No passkeys yet.',
  forbidden: 'Sign in to manage your passkeys.',
  created: 'Added {date}',
  lastUsed: 'Last used {date}',
  neverUsed: 'Never used',
  synced: 'Synced',
  singleDevice: 'This device only',
  rename: 'Rename',
  renameLabel: 'Rename {name}',
  newName: 'New name for {name}',
  save: 'Save',
  cancel: 'Cancel',
  remove: 'Remove',
  removeLabel: 'Remove {name}',
  removeWarning: 'You will no longer be able to sign in with “{name}”.',
  confirmRemove: 'Remove passkey',
  passkeyCancelled: 'The passkey request was cancelled or timed out.',
  passkeyUnsupported: 'This browser does not support passkeys.',
  passkeyFailed: 'The passkey could not be created.',
};

/** What `<PasskeyList>`'s parts share: the list, and the passkey of the item they are in. */
export interface PasskeyListContext extends UsePasskeysResult {
  words: PasskeyWords;
}

export const passkeyList = lazyContext<PasskeyListContext>('PasskeyList');
export const passkeyItem = lazyContext<Passkey>('PasskeyList', 'Item');

/** A button of an item, its accessible name `label` with the passkey's `{name}`. */
export function ItemButton({
  text,
  label,
  ...props
}: ButtonProps & { catalyst: string; text: string; label: string; onPress(): void }) {
  const passkey = passkeyItem.use('Button');
  return <PartButton text={text} aria-label={fillIn(label, { name: passkey.name })} {...props} />;
}
