'use client';
import type { Webhook } from './data/webhook-resources.js';
import { lazyContext } from './form-kit.js';
import type { UseWebhooksResult, WebhookScope } from './use-webhooks.js';
import type { WebhookWords } from './webhook-words.js';

/** What `WebhookList.Root` shares with its parts (the list's and the actions' files). */
export interface WebhookListContext extends UseWebhooksResult {
  words: WebhookWords;
  id: string;
  /** The scope as given (an org id, `'platform'`, or undefined for the active org). */
  scope: WebhookScope;
}

/** One endpoint, and what its row has open. */
export interface WebhookItemContext {
  webhook: Webhook;
  /** DOM id prefix for this row's parts. */
  id: string;
  editing: boolean;
  setEditing(on: boolean): void;
  deliveriesOpen: boolean;
  setDeliveriesOpen(on: boolean): void;
}

export const webhookList = lazyContext<WebhookListContext>('WebhookList');
export const webhookItem = lazyContext<WebhookItemContext>('WebhookList', 'Item');

/** `orgId` and `platform` props as one scope for the hooks. */
export const scopeOf = (props: { orgId?: string | null; platform?: boolean }): WebhookScope =>
  props.platform ? 'platform' : props.orgId;
