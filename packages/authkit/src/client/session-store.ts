import type { SessionPayload } from '../domain/types.js';

export type SessionSnapshot =
  | { status: 'loading'; data: null }
  | { status: 'authenticated'; data: SessionPayload }
  | { status: 'unauthenticated'; data: null };

/**
 * The client's view of who is signed in, in the shape `useSyncExternalStore` (React) and Svelte
 * stores bind to: a stable snapshot object that is replaced, never mutated.
 */
export interface SessionStore {
  getSnapshot(): SessionSnapshot;
  subscribe(listener: () => void): () => void;
  set(data: SessionPayload | null): void;
}

export const LOADING: SessionSnapshot = { status: 'loading', data: null };
const SIGNED_OUT: SessionSnapshot = { status: 'unauthenticated', data: null };

export function createSessionStore(initial?: SessionPayload | null): SessionStore {
  let snapshot: SessionSnapshot =
    initial === undefined
      ? LOADING
      : initial
        ? { status: 'authenticated', data: initial }
        : SIGNED_OUT;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(data) {
      snapshot = data ? { status: 'authenticated', data } : SIGNED_OUT;
      for (const listener of [...listeners]) listener();
    },
  };
}
