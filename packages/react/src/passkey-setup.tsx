'use client';
import type { ClientError, Passkey } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { localizeCeremony, useFocusOn } from './account-kit.js';
import {
  fillIn,
  LiveStatus,
  PartText,
  type FormProps,
  type ParagraphProps,
} from './account-parts.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useWords } from './localization.js';
import { PASSKEY_WORDS } from './passkey-list-context.js';
import type { PasskeyWords } from './security-words.js';
import { usePasskeySetup, type UsePasskeySetupResult } from './use-passkeys.js';
import { supportsPasskeys } from './webauthn.js';

interface SetupContext extends FormKit<'name'>, UsePasskeySetupResult {
  words: PasskeyWords;
  supported: boolean;
}

const context = lazyContext<SetupContext>('PasskeySetup');

export interface PasskeySetupProps extends Omit<FormProps, 'onSubmit' | 'onError'> {
  /** Called with the passkey once the server has verified and stored it. */
  onAdded?: (passkey: Passkey) => void;
  onError?: (error: ClientError) => void;
}

const noSubscribe = () => () => {};

/**
 * The form: a name, then the browser's passkey prompt. `data-state="idle|pending|error|success"`,
 * or `unsupported` in a browser without WebAuthn (the submit is disabled).
 */
function Root({ onAdded, onError, children, ...props }: PasskeySetupProps) {
  const hook = usePasskeySetup();
  const words = useWords('passkeys', PASSKEY_WORDS);
  const id = React.useId();
  const [name, setName] = React.useState('');
  const supported = React.useSyncExternalStore(noSubscribe, supportsPasskeys, () => true);
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await hook.register(name.trim() || undefined);
    if (!result.ok) return onError?.(result.error);
    setName('');
    onAdded?.(result.data);
  };
  const kit: SetupContext = {
    ...hook,
    id,
    readOnly: !supported,
    error: localizeCeremony(hook.error, words),
    isField: (field) => field === 'name',
    label: () => words.name,
    input: () => ({
      type: 'text',
      autoComplete: 'off',
      maxLength: 100,
      value: name,
      onChange: (event) => setName(event.currentTarget.value),
      'aria-describedby': `${id}-hint`,
    }),
    submit: words.add,
    words,
    supported,
  };
  const Context = context.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        aria-labelledby={`${id}-title`}
        data-catalyst="passkey-setup"
        data-state={supported ? hook.state : 'unsupported'}
        aria-busy={hook.pending || undefined}
        {...props}
        onSubmit={onSubmit}
      >
        {children}
      </Primitive.form>
    </Context.Provider>
  );
}

const parts = makeFormParts<'name'>(context.use);

function Title(props: ParagraphProps) {
  const ctx = context.use('Title');
  return (
    <PartText
      id={`${ctx.id}-title`}
      catalyst="passkey-setup-title"
      text={ctx.words.setupTitle}
      {...props}
    />
  );
}

/** What the name is for (the field's description). */
function Hint(props: ParagraphProps) {
  const ctx = context.use('Hint');
  return (
    <PartText
      id={`${ctx.id}-hint`}
      catalyst="passkey-setup-hint"
      text={ctx.words.nameHint}
      {...props}
    />
  );
}

/** Said in a browser without WebAuthn. */
function Unsupported(props: ParagraphProps) {
  const ctx = context.use('Unsupported');
  if (ctx.supported) return null;
  return (
    <PartText catalyst="passkey-setup-unsupported" text={ctx.words.passkeyUnsupported} {...props} />
  );
}

/** Announces the passkey just added (and takes the focus, so the next step is clear). */
function Status(props: ParagraphProps) {
  const ctx = context.use('Status');
  const ref = useFocusOn<HTMLParagraphElement>(ctx.added?.id);
  const text = ctx.added ? fillIn(ctx.words.added, { name: ctx.added.name }) : null;
  return (
    <LiveStatus ref={ref} tabIndex={-1} catalyst="passkey-setup-status" text={text} {...props} />
  );
}

function DefaultPasskeySetup(props: PasskeySetupProps) {
  return (
    <Root {...props}>
      <Title />
      <Unsupported />
      <Status />
      <parts.Error />
      <div data-catalyst="field" data-name="name">
        <parts.Label name="name" />
        <Hint />
        <parts.Field name="name" />
        <parts.Error field="name" />
      </div>
      <parts.Submit />
    </Root>
  );
}

/**
 * `<PasskeySetup />` registers a passkey for the signed-in user: a name, then the browser's
 * prompt (`@simplewebauthn/browser`, loaded on submit). Compose your own from
 * `PasskeySetup.Root`, `.Title`, `.Hint`, `.Unsupported`, `.Status`, `.Label`, `.Field`,
 * `.Error` and `.Submit`.
 */
export const PasskeySetup = Object.assign(DefaultPasskeySetup, {
  Root,
  Title,
  Hint,
  Unsupported,
  Status,
  ...parts,
});
