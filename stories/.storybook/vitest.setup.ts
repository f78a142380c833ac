import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';
import { takeUnhandledRequests } from '../src/msw';

/**
 * Runs in the browser before every story test (the Storybook plugin adds its own setup first).
 * A story fails when it logged a console error or made a request no MSW handler answered; one
 * that throws or has an axe violation already fails in Storybook's own run.
 */
let consoleError: MockInstance<typeof console.error>;
let errors: string[] = [];

const describe = (value: unknown) =>
  value instanceof Error ? (value.stack ?? value.message) : String(value);

beforeEach(() => {
  errors = [];
  takeUnhandledRequests();
  const original = console.error.bind(console);
  consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.map(describe).join(' '));
    original(...args);
  });
});

afterEach(() => {
  consoleError.mockRestore();
  const unhandled = takeUnhandledRequests();
  if (unhandled.length > 0)
    throw new Error(
      `The story made requests no MSW handler answered (add them to parameters.msw.handlers):\n  ${unhandled.join('\n  ')}`,
    );
  if (errors.length > 0)
    throw new Error(`The story logged console errors:\n  ${errors.join('\n  ')}`);
});
