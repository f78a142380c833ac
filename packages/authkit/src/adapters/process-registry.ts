const KEY = Symbol.for('catalyst-authkit.process-registry');

interface Entry {
  value: Promise<unknown>;
  refs: number;
  dispose: (value: unknown) => Promise<void>;
}

type WithRegistry = typeof globalThis & { [KEY]?: Map<string, Entry> };

/**
 * Process-wide shared resources, reference counted. Next.js may evaluate one module once per
 * bundle layer; two PGlite instances on one data directory would corrupt it, so they share here.
 */
export function acquireShared<T>(
  key: string,
  create: () => Promise<T>,
  dispose: (value: T) => Promise<void>,
): { value: Promise<T>; release: () => Promise<void> } {
  const g = globalThis as WithRegistry;
  const registry = (g[KEY] ??= new Map());
  let entry = registry.get(key);
  if (!entry) {
    const value = create();
    entry = { value, refs: 0, dispose: dispose as (value: unknown) => Promise<void> };
    registry.set(key, entry);
    // A failed creation must not be handed out again.
    value.catch(() => registry.get(key) === entry && registry.delete(key));
  }
  entry.refs += 1;
  const held = entry;
  let released = false;
  return {
    value: held.value as Promise<T>,
    async release() {
      if (released) return;
      released = true;
      held.refs -= 1;
      if (held.refs > 0) return;
      if (registry.get(key) === held) registry.delete(key);
      await held.dispose(await held.value.catch(() => undefined));
    },
  };
}
