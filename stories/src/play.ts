import { expect, waitFor } from 'storybook/test';

/**
 * Waits until the part `data-catalyst="<part>"` reports `data-state="<state>"` (DESIGN §9: states
 * are data), and returns it. The wait is long because our queries retry network errors and 5xx
 * answers twice (about 3 s of backoff) before they show `error`; other states arrive at once.
 */
export async function expectState(
  canvasElement: HTMLElement,
  part: string,
  state: 'loading' | 'empty' | 'error' | 'ready' | 'forbidden',
): Promise<HTMLElement> {
  return waitFor(
    () => {
      const element = canvasElement.querySelector<HTMLElement>(`[data-catalyst="${part}"]`);
      expect(element, `no [data-catalyst="${part}"]`).not.toBeNull();
      expect(element).toHaveAttribute('data-state', state);
      return element!;
    },
    { timeout: 10_000 },
  );
}
