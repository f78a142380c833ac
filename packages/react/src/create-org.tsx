'use client';
import type { ClientError, MyOrg } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useWords, type CreateOrgWords } from './localization.js';
import { slugify, useCreateOrg } from './use-create-org.js';

const WORDS: CreateOrgWords = {
  name: 'Organization name',
  slug: 'URL slug',
  submit: 'Create organization',
};

export type CreateOrgFieldName = 'name' | 'slug';

interface CreateOrgContext extends FormKit<CreateOrgFieldName> {
  words: CreateOrgWords;
}

const context = lazyContext<CreateOrgContext>('CreateOrg');

export interface CreateOrgProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.form>,
  'onSubmit' | 'onError'
> {
  /** Called with the new org (the caller is its owner). */
  onCreated?: (org: MyOrg) => void;
  onError?: (error: ClientError) => void;
  /** Switch the session to the new org (`client.setActiveOrg`) once created; default true. */
  activate?: boolean;
}

/**
 * The form: holds the name and the slug, deriving the slug from the name until the slug is
 * edited. `data-state="idle|pending|error"`.
 */
function Root({ onCreated, onError, activate = true, children, ...props }: CreateOrgProps) {
  const form = useCreateOrg();
  const words = useWords('createOrg', WORDS);
  const id = React.useId();
  const [name, setName] = React.useState('');
  const [slug, setSlug] = React.useState('');
  const [slugEdited, setSlugEdited] = React.useState(false);
  const shownSlug = slugEdited ? slug : slugify(name);

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await form.create({ name: name.trim(), slug: shownSlug }, { activate });
    if (!result.ok) {
      onError?.(result.error);
      return;
    }
    setName('');
    setSlug('');
    setSlugEdited(false);
    onCreated?.(result.data);
  };

  const kit: CreateOrgContext = {
    id,
    pending: form.pending,
    readOnly: false,
    error: form.error,
    isField: (field) => field === 'name' || field === 'slug',
    label: (field) => words[field],
    input: (field) =>
      field === 'name'
        ? {
            type: 'text',
            autoComplete: 'organization',
            required: true,
            maxLength: 100,
            value: name,
            onChange: (event) => setName(event.currentTarget.value),
          }
        : {
            type: 'text',
            autoComplete: 'off',
            required: true,
            maxLength: 40,
            spellCheck: false,
            value: shownSlug,
            onChange: (event) => {
              setSlug(event.currentTarget.value);
              setSlugEdited(true);
            },
          },
    submit: words.submit,
    words,
  };
  const Context = context.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        data-catalyst="create-org"
        data-state={form.state}
        aria-busy={form.pending || undefined}
        {...props}
        onSubmit={onSubmit}
      >
        {children}
      </Primitive.form>
    </Context.Provider>
  );
}

const parts = makeFormParts<CreateOrgFieldName>(context.use);

function DefaultCreateOrg(props: CreateOrgProps) {
  return (
    <Root {...props}>
      <parts.Error />
      {(['name', 'slug'] as const).map((name) => (
        <div key={name} data-catalyst="field" data-name={name}>
          <parts.Label name={name} />
          <parts.Field name={name} />
          <parts.Error field={name} />
        </div>
      ))}
      <parts.Submit />
    </Root>
  );
}

/**
 * `<CreateOrg />` is the default composition; `CreateOrg.Root`, `.Label`, `.Field`, `.Error` and
 * `.Submit` compose your own (each takes `asChild`).
 */
export const CreateOrg = Object.assign(DefaultCreateOrg, { Root, ...parts });
