'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { fieldDomId } from './form-kit.js';
import { useErrorText } from './localization.js';
import { WebhookEventsPicker } from './webhook-events-picker.js';
import { form, kitOf, root } from './webhook-form-context.js';
import { fill, WebhookSecretPanel } from './webhook-parts.js';

/** The parts inside `WebhookForm`: heading, fields, cancel, and the new secret. */

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

/** "New webhook endpoint" or "Edit {url}": the form's heading and accessible name. */
export function Title({ asChild, children, ...props }: ParagraphProps) {
  const ctx = root.use('Title');
  const words = ctx.webhook
    ? fill(ctx.words.editTitle, { url: ctx.webhook.url })
    : ctx.words.createTitle;
  return (
    <Primitive.p
      asChild={asChild}
      id={`${ctx.id}-title`}
      data-catalyst="webhook-form-title"
      {...props}
    >
      {partContent(asChild, children, words)}
    </Primitive.p>
  );
}

/** The URL field with its hint; the server's `field: "url"` errors show under it. */
export function Url(props: Omit<DivProps, 'children'>) {
  const { words } = root.use('Url');
  const kit = kitOf.use('Url');
  return (
    <Primitive.div data-catalyst="field" data-name="url" {...props}>
      <form.Label name="url" />
      <form.Field name="url" />
      <span id={`${fieldDomId(kit.id, 'url')}-hint`} data-catalyst="hint">
        {words.urlHint}
      </span>
      <form.Error field="url" />
    </Primitive.div>
  );
}

export function Description(props: Omit<DivProps, 'children'>) {
  return (
    <Primitive.div data-catalyst="field" data-name="description" {...props}>
      <form.Label name="description" />
      <form.Field name="description" />
      <form.Error field="description" />
    </Primitive.div>
  );
}

/** The event filter picker; "none chosen" and the server's `events` errors show inside it. */
export function Events() {
  const kit = kitOf.use('Events');
  const text = useErrorText();
  return (
    <WebhookEventsPicker
      idPrefix={kit.id}
      value={kit.events}
      onChange={kit.setEvents}
      disabled={kit.pending}
      error={kit.error?.field === 'events' ? text(kit.error) : null}
    />
  );
}

/** Deliver one subject's events one at a time, in order. */
export function Ordered(props: Omit<DivProps, 'children'>) {
  const { words } = root.use('Ordered');
  const kit = kitOf.use('Ordered');
  const id = fieldDomId(kit.id, 'ordered');
  return (
    <Primitive.div data-catalyst="checkbox" data-name="ordered" {...props}>
      <input
        id={id}
        type="checkbox"
        checked={kit.ordered}
        disabled={kit.pending}
        onChange={(event) => kit.setOrdered(event.currentTarget.checked)}
        aria-describedby={`${id}-hint`}
        data-catalyst="input"
      />
      <label htmlFor={id} data-catalyst="label">
        {words.ordered}
      </label>
      <span id={`${id}-hint`} data-catalyst="hint">
        {words.orderedHint}
      </span>
    </Primitive.div>
  );
}

/** Rendered with `onCancel` only (the edit form's way out). */
export function Cancel({ asChild, children, ...props }: ButtonProps) {
  const ctx = root.use('Cancel');
  if (!ctx.onCancel) return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="webhook-form-cancel"
      onClick={ctx.onCancel}
      {...props}
    >
      {partContent(asChild, children, ctx.words.cancel)}
    </Primitive.button>
  );
}

/** The new endpoint's signing secret, shown once; between creation and `Done` only. */
export function Secret(props: Omit<DivProps, 'children'>) {
  const ctx = root.use('Secret');
  const { created, words, setCreated } = ctx;
  const shown = created && {
    id: `${ctx.id}-secret`,
    webhookId: created.id,
    secret: created.secret,
    label: fill(words.secret, { url: created.url }),
    words,
    dismiss: () => setCreated(null),
  };
  return <WebhookSecretPanel value={shown} {...props} />;
}
