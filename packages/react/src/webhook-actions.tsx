'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import type { WebhookWithSecret } from './data/webhook-resources.js';
import { partContent } from './default-content.js';
import { Trigger, useInlineForm } from './key-actions.js';
import { WebhookDeliveries } from './webhook-deliveries.js';
import { WebhookForm } from './webhook-form.js';
import { webhookItem, webhookList } from './webhook-list-context.js';
import {
  ActionButton,
  ConfirmGroup,
  ErrorAlert,
  fill,
  useDates,
  WebhookSecretPanel,
} from './webhook-parts.js';

/**
 * The actions on one endpoint of `WebhookList`: enable/disable, edit, rotate the secret, delete,
 * send a test event, and the deliveries panel. Each renders only for callers who may manage the
 * endpoints; confirmations return focus to their trigger when they close.
 */

type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

/** Enables or disables the endpoint (a `gone` or `failing` one is enabled again by hand). */
export function Toggle(props: ButtonProps) {
  const ctx = webhookList.use('Toggle');
  const { webhook } = webhookItem.use('Toggle');
  const [error, setError] = React.useState<ClientError | null>(null);
  if (!ctx.canManage) return null;
  const on = webhook.enabled;
  return (
    <>
      <ActionButton
        catalyst="webhook-toggle"
        data-enabled={on ? '' : undefined}
        label={fill(on ? ctx.words.disableLabel : ctx.words.enableLabel, { url: webhook.url })}
        words={on ? ctx.words.disable : ctx.words.enable}
        disabled={ctx.isUpdating(webhook.id)}
        data-state={ctx.isUpdating(webhook.id) ? 'pending' : undefined}
        onPress={async () => {
          setError(null);
          const result = await ctx.update(webhook.id, { enabled: !on });
          if (!result.ok) setError(result.error);
        }}
        {...props}
      />
      <ErrorAlert error={error} catalyst="webhook-toggle-error" />
    </>
  );
}

/**
 * Opens the edit form in place of the button (its URL field focused; the item's `editing` says
 * so, and the default item hides its other parts meanwhile). Cancel, Escape or saving closes it
 * and focus goes back to the button.
 */
export function Edit(props: ButtonProps) {
  const ctx = webhookList.use('Edit');
  const { webhook, editing, setEditing } = webhookItem.use('Edit');
  const trigger = React.useRef<HTMLButtonElement>(null);
  const box = React.useRef<HTMLDivElement>(null);
  const wasEditing = React.useRef(editing);
  React.useLayoutEffect(() => {
    if (editing) box.current?.querySelector<HTMLInputElement>('input')?.focus();
    else if (wasEditing.current) trigger.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  if (!ctx.canManage) return null;
  if (!editing) {
    return (
      <Trigger
        ref={trigger}
        label={fill(ctx.words.editLabel, { url: webhook.url })}
        words={ctx.words.edit}
        catalyst="webhook-edit"
        onOpen={() => setEditing(true)}
        {...props}
      />
    );
  }
  return (
    <div
      ref={box}
      data-catalyst="webhook-edit-panel"
      onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}
    >
      <WebhookForm
        orgId={ctx.scope}
        webhook={webhook}
        onSaved={() => setEditing(false)}
        onCancel={() => setEditing(false)}
      />
    </div>
  );
}

/**
 * Rotates the signing secret after a confirmation that explains the overlap, then shows the new
 * secret once with the time both secrets stop signing together (`previousSecretExpiresAt`).
 */
export function Rotate(props: ButtonProps) {
  const ctx = webhookList.use('Rotate');
  const { webhook, id } = webhookItem.use('Rotate');
  const inline = useInlineForm();
  const dates = useDates();
  const [rotated, setRotated] = React.useState<WebhookWithSecret | null>(null);
  const refocus = React.useRef(false);
  React.useEffect(() => {
    if (!rotated && refocus.current) inline.trigger.current?.focus();
    refocus.current = false;
  }, [rotated, inline.trigger]);
  if (rotated) {
    const until = rotated.previousSecretExpiresAt;
    const shown = {
      id: `${id}-rotated`,
      webhookId: webhook.id,
      secret: rotated.secret,
      label: fill(ctx.words.newSecret, { url: webhook.url }),
      note: until ? fill(ctx.words.previousUntil, { time: dates.dateTime(until) }) : null,
      words: ctx.words,
      dismiss: () => {
        refocus.current = true;
        setRotated(null);
      },
    };
    return <WebhookSecretPanel value={shown} />;
  }
  if (!ctx.canManage) return null;
  const label = fill(ctx.words.rotateLabel, { url: webhook.url });
  if (!inline.open) {
    return (
      <Trigger
        ref={inline.trigger}
        label={label}
        words={ctx.words.rotate}
        catalyst="webhook-rotate"
        onOpen={() => inline.setOpen(true)}
        {...props}
      />
    );
  }
  return (
    <ConfirmGroup
      catalyst="webhook-rotate-confirm"
      label={label}
      warning={ctx.words.rotateWarning}
      confirm={ctx.words.confirmRotate}
      cancel={ctx.words.cancel}
      pending={ctx.isRotating(webhook.id)}
      onClose={() => inline.setOpen(false)}
      onConfirm={async () => {
        const result = await ctx.rotateSecret(webhook.id);
        if (!result.ok) return result.error;
        inline.setOpen(false);
        setRotated(result.data);
        return null;
      }}
    />
  );
}

/** Deletes the endpoint and its delivery history, after a confirmation. */
export function Delete(props: ButtonProps) {
  const ctx = webhookList.use('Delete');
  const { webhook } = webhookItem.use('Delete');
  const inline = useInlineForm();
  if (!ctx.canManage) return null;
  const label = fill(ctx.words.deleteLabel, { url: webhook.url });
  if (!inline.open) {
    return (
      <Trigger
        ref={inline.trigger}
        label={label}
        words={ctx.words.delete}
        catalyst="webhook-delete"
        onOpen={() => inline.setOpen(true)}
        {...props}
      />
    );
  }
  return (
    <ConfirmGroup
      catalyst="webhook-delete-confirm"
      label={label}
      warning={ctx.words.deleteWarning}
      confirm={ctx.words.confirmDelete}
      cancel={ctx.words.cancel}
      pending={ctx.isDeleting(webhook.id)}
      onClose={() => inline.setOpen(false)}
      onConfirm={async () => {
        const result = await ctx.delete(webhook.id);
        return result.ok ? null : result.error;
      }}
    />
  );
}

/** Queues a `webhook.test` ping, says so, and opens the endpoint's deliveries to watch it. */
export function Test(props: ButtonProps) {
  const ctx = webhookList.use('Test');
  const item = webhookItem.use('Test');
  const [queued, setQueued] = React.useState(false);
  const [error, setError] = React.useState<ClientError | null>(null);
  if (!ctx.canManage) return null;
  const pending = ctx.isTesting(item.webhook.id);
  return (
    <>
      <ActionButton
        catalyst="webhook-test"
        label={fill(ctx.words.testLabel, { url: item.webhook.url })}
        words={ctx.words.test}
        disabled={pending}
        data-state={pending ? 'pending' : undefined}
        onPress={async () => {
          setError(null);
          setQueued(false);
          const result = await ctx.test(item.webhook.id);
          if (!result.ok) return setError(result.error);
          setQueued(true);
          item.setDeliveriesOpen(true);
        }}
        {...props}
      />
      <span role="status" data-catalyst="webhook-test-status">
        {queued ? ctx.words.testQueued : null}
      </span>
      <ErrorAlert error={error} catalyst="webhook-test-error" />
    </>
  );
}

/** Shows or hides the endpoint's deliveries (`aria-expanded`, `aria-controls`). */
export function DeliveriesToggle({ asChild, children, onClick, ...props }: ButtonProps) {
  const { words } = webhookList.use('DeliveriesToggle');
  const item = webhookItem.use('DeliveriesToggle');
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      aria-expanded={item.deliveriesOpen}
      aria-controls={item.deliveriesOpen ? `${item.id}-deliveries` : undefined}
      aria-label={fill(words.deliveriesLabel, { url: item.webhook.url })}
      data-catalyst="webhook-deliveries-toggle"
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) item.setDeliveriesOpen(!item.deliveriesOpen);
      }}
    >
      {partContent(asChild, children, words.deliveries)}
    </Primitive.button>
  );
}

/** The endpoint's `<WebhookDeliveries>`, while the toggle has it open. */
export function Deliveries(props: Omit<React.ComponentProps<typeof WebhookDeliveries>, 'webhook'>) {
  const ctx = webhookList.use('Deliveries');
  const item = webhookItem.use('Deliveries');
  if (!item.deliveriesOpen) return null;
  return (
    <WebhookDeliveries
      id={`${item.id}-deliveries`}
      orgId={ctx.scope}
      webhook={item.webhook}
      {...props}
    />
  );
}
