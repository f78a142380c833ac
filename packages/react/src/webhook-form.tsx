'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import type { DataState } from './data/core.js';
import type { Webhook, WebhookInput, WebhookWithSecret } from './data/webhook-resources.js';
import { fieldDomId } from './form-kit.js';
import { stateOnly } from './key-parts.js';
import { useWebhooks } from './use-webhooks.js';
import {
  FIELDS,
  form,
  kitOf,
  root,
  type WebhookFormField,
  type WebhookFormKit,
} from './webhook-form-context.js';
import { Cancel, Description, Events, Ordered, Secret, Title, Url } from './webhook-form-fields.js';
import { scopeOf } from './webhook-list-context.js';
import { useWebhookWords } from './webhook-words.js';

export type { WebhookFormField } from './webhook-form-context.js';

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

export interface WebhookFormProps extends DivProps {
  /** The org whose endpoint this is (default the active org); `'platform'` for `/admin/webhooks`. */
  orgId?: string | null;
  /** The platform's endpoints (`/admin/webhooks`) instead of an org's. */
  platform?: boolean;
  /** Edit this endpoint; without it the form registers a new one. */
  webhook?: Webhook;
  /** The saved endpoint (a new one without its secret: that stays here, shown once). */
  onSaved?: (webhook: Webhook) => void;
  /** Renders `Cancel` (the edit form's way out). */
  onCancel?: () => void;
}

/**
 * Registers an endpoint (then shows its signing secret once) or edits one (`webhook`).
 * `data-state`: `loading`, `forbidden`, `empty` (no org) or `ready`; `data-created` while a
 * secret is shown.
 */
function Root({ orgId, platform, webhook, onSaved, onCancel, ...props }: WebhookFormProps) {
  const hook = useWebhooks(scopeOf({ orgId, platform }));
  const words = useWebhookWords();
  const id = React.useId();
  const [created, setCreated] = React.useState<WebhookWithSecret | null>(null);
  const state: DataState =
    hook.state === 'forbidden' || (hook.state === 'empty' && hook.owner === null)
      ? hook.state
      : hook.canManage
        ? 'ready'
        : 'loading';
  const Context = root.get();
  return (
    <Context.Provider
      value={{ hook, state, words, id, webhook, created, setCreated, onSaved, onCancel }}
    >
      <Primitive.div
        data-catalyst="webhook-form"
        data-mode={webhook ? 'edit' : 'create'}
        data-state={state}
        data-created={created ? '' : undefined}
        aria-busy={state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** `events.2` (the server names the entry at fault) belongs to the events field. */
const onField = (error: ClientError | null): ClientError | null =>
  error?.field?.startsWith('events.') ? { ...error, field: 'events' } : error;

const localError = (message: string, field: WebhookFormField): ClientError => ({
  code: 'invalid_request',
  status: 400,
  message,
  field,
});

/** What an edit changes: an unchanged URL is not sent (the server would check its target again). */
function changes(webhook: Webhook, input: WebhookInput): Partial<WebhookInput> {
  const patch: Partial<WebhookInput> = {};
  if (input.url !== webhook.url) patch.url = input.url;
  if (input.description !== webhook.description) patch.description = input.description;
  if (input.events.join(' ') !== webhook.events.join(' ')) patch.events = input.events;
  if (input.ordered !== webhook.ordered) patch.ordered = input.ordered;
  return patch;
}

/** The form; rendered when the caller may manage endpoints and no secret is being shown. */
function Form({ children, ...props }: Omit<React.ComponentPropsWithoutRef<'form'>, 'onSubmit'>) {
  const ctx = root.use('Form');
  const { hook, words, webhook } = ctx;
  const [url, setUrl] = React.useState(webhook?.url ?? '');
  const [description, setDescription] = React.useState(webhook?.description ?? '');
  const [events, setEvents] = React.useState<string[]>(webhook?.events ?? []);
  const [ordered, setOrdered] = React.useState(webhook?.ordered ?? false);
  const [error, setError] = React.useState<ClientError | null>(null);
  const [pending, setPending] = React.useState(false);
  if (ctx.state !== 'ready' || ctx.created) return null;
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = url.trim();
    if (!target) return setError(localError(words.urlRequired, 'url'));
    if (events.length === 0) return setError(localError(words.eventsRequired, 'events'));
    setError(null);
    setPending(true);
    const input: WebhookInput = { url: target, description: description.trim(), events, ordered };
    if (webhook) {
      const updated = await hook.update(webhook.id, changes(webhook, input));
      setPending(false);
      if (!updated.ok) return setError(onField(updated.error));
      return ctx.onSaved?.(updated.data);
    }
    const { description: text, ...rest } = input;
    const created = await hook.create(text ? input : rest);
    setPending(false);
    if (!created.ok) return setError(onField(created.error));
    setUrl('');
    setDescription('');
    setEvents([]);
    setOrdered(false);
    ctx.setCreated(created.data);
    const { secret: _secret, ...saved } = created.data;
    ctx.onSaved?.(saved);
  };
  const kit: WebhookFormKit = {
    id: `${ctx.id}-form`,
    pending,
    readOnly: false,
    error,
    isField: (field) => FIELDS.includes(field),
    label: (field) =>
      ({ url: words.url, description: words.description, events: words.events, ordered: '' })[
        field
      ],
    input: (field) =>
      field === 'url'
        ? {
            type: 'url',
            required: true,
            maxLength: 2048,
            autoComplete: 'off',
            spellCheck: false,
            placeholder: 'https://',
            value: url,
            'aria-describedby':
              error?.field === 'url'
                ? `${fieldDomId(`${ctx.id}-form`, 'url')}-error`
                : `${fieldDomId(`${ctx.id}-form`, 'url')}-hint`,
            onChange: (e) => setUrl(e.currentTarget.value),
          }
        : field === 'description'
          ? {
              type: 'text',
              maxLength: 500,
              value: description,
              onChange: (e) => setDescription(e.currentTarget.value),
            }
          : {},
    submit: webhook ? words.save : words.submit,
    events,
    setEvents,
    ordered,
    setOrdered,
  };
  const Kit = kitOf.get();
  return (
    <Kit.Provider value={kit}>
      <form
        noValidate
        aria-labelledby={`${ctx.id}-title`}
        data-catalyst="webhook-form-fields"
        data-state={pending ? 'pending' : error ? 'error' : 'idle'}
        aria-busy={pending || undefined}
        {...props}
        onSubmit={onSubmit}
      >
        {children}
      </form>
    </Kit.Provider>
  );
}

const Loading = stateOnly('loading', 'webhook-form', root.use, 'Loading');
const Forbidden = stateOnly('forbidden', 'webhook-form', root.use, 'Forbidden');

function DefaultWebhookForm(props: WebhookFormProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <Form>
        <Title />
        <form.Error />
        <Url />
        <Description />
        <Events />
        <Ordered />
        <form.Submit /> <Cancel />
      </Form>
      <Secret />
    </Root>
  );
}

/**
 * `<WebhookForm />` registers an endpoint (its secret shown once) or edits one (`webhook`).
 * Compose your own from `WebhookForm.Root`, `.Loading`, `.Forbidden`, `.Form` (with `.Title`,
 * `.Url`, `.Description`, `.Events`, `.Ordered`, `.Error`, `.Submit`, `.Cancel`) and `.Secret`.
 */
export const WebhookForm = Object.assign(DefaultWebhookForm, {
  Root,
  Loading,
  Forbidden,
  Form,
  Title,
  Url,
  Description,
  Events,
  Ordered,
  Error: form.Error,
  Submit: form.Submit,
  Cancel,
  Secret,
});
