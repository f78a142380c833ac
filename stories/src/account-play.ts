import { expect, waitFor } from 'storybook/test';

/**
 * Waits until the part `data-catalyst="<part>"` reports `data-state="<state>"`, for the states of
 * the account-security components beyond DESIGN §9's five (`idle`, `pending`, `scan`, `sent`,
 * `success`, `invalid` …), and returns it.
 */
export async function expectPart(
  canvasElement: HTMLElement,
  part: string,
  state: string,
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
