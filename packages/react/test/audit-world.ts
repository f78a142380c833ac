/**
 * Test helpers for the audit components: events written through the real server's store (what
 * an action the public API cannot script would write: a forward-auth decision in an org, a
 * change recorded with its old and new values), and the rendered table read back.
 */
import type { TestInstance } from '@catalyst/authkit/testing';

export interface AppendedEvent {
  action: string;
  orgId: string;
  actorId?: string | null;
  actorType?: 'user' | 'system' | 'anonymous';
  targetType?: string | null;
  targetId?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/** Appends one event to the org's chain, as the services do (`store.audit.append`). */
export async function appendEvent(
  t: TestInstance,
  event: AppendedEvent,
): Promise<{ id: string; seq: number }> {
  const store = await t.authkit.api.store();
  return store.audit.append(
    {
      actorType: event.actorType ?? (event.actorId ? 'user' : 'system'),
      actorId: event.actorId ?? null,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
      requestId: event.requestId ?? null,
      ...event,
    },
    new Date(),
  );
}

export const viewer = () => document.querySelector<HTMLElement>('[data-catalyst="audit-viewer"]')!;

/** The actions of the rows shown, top to bottom. */
export const shownActions = () =>
  [...document.querySelectorAll('[data-catalyst="audit-event"]')].map((row) =>
    row.getAttribute('data-action'),
  );

export const eventRow = (id: string) =>
  document.querySelector<HTMLElement>(`[data-catalyst="audit-event"][data-event-id="${id}"]`)!;
