import { createAuthClient } from '@catalyst/authkit';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthProvider, SignIn, SignUp } from './index.js';

afterEach(cleanup);

/** A client whose server always answers a field error, so the error state can be audited too. */
const failingClient = () =>
  createAuthClient({
    baseUrl: 'http://localhost',
    fetch: async () =>
      new Response(
        JSON.stringify({
          code: 'invalid_request',
          field: 'email',
          detail: 'email: must be a valid email address',
        }),
        {
          status: 400,
          headers: { 'content-type': 'application/problem+json' },
        },
      ),
  });

async function violations(container: HTMLElement) {
  // color-contrast needs layout, which a DOM emulator does not compute.
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('accessibility (axe)', () => {
  it.each([
    ['SignIn', () => <SignIn />],
    ['SignUp', () => <SignUp />],
  ])('%s has no violations, before and after a field error', async (_name, form) => {
    const { container } = render(
      <AuthProvider client={failingClient()} initialSession={null}>
        {form()}
      </AuthProvider>,
    );
    expect(await violations(container)).toEqual([]);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'x');
    await user.type(screen.getByLabelText('Password'), 'long enough');
    await user.click(screen.getByRole('button'));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await violations(container)).toEqual([]);
  });
});
