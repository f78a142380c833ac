'use client';
import type { DataState } from './data/core.js';
import type { Webhook, WebhookWithSecret } from './data/webhook-resources.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import type { UseWebhooksResult } from './use-webhooks.js';
import type { WebhookWords } from './webhook-words.js';

/** The contexts `WebhookForm`'s parts share (its file and the fields' file). */

export type WebhookFormField = 'url' | 'description' | 'events' | 'ordered';
export const FIELDS: readonly string[] = ['url', 'description', 'events', 'ordered'];

export interface WebhookFormContext {
  hook: UseWebhooksResult;
  state: DataState;
  words: WebhookWords;
  id: string;
  webhook: Webhook | undefined;
  /** The endpoint just registered, with its secret, until `Done`: this component's state only. */
  created: WebhookWithSecret | null;
  setCreated(created: WebhookWithSecret | null): void;
  onSaved: ((webhook: Webhook) => void) | undefined;
  onCancel: (() => void) | undefined;
}

export interface WebhookFormKit extends FormKit<WebhookFormField> {
  events: string[];
  setEvents(events: string[]): void;
  ordered: boolean;
  setOrdered(on: boolean): void;
}

export const root = lazyContext<WebhookFormContext>('WebhookForm');
export const kitOf = lazyContext<WebhookFormKit>('WebhookForm', 'Form');
export const form = makeFormParts<WebhookFormField>(kitOf.use);
