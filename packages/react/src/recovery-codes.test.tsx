import { createAuthClient } from '@catalyst/authkit';
import type { TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountWorld, clientOf, enableTotp, signUp, totpCode } from '../test/account-world.js';
import { AuthProvider, RecoveryCodes } from './index.js';

/** The server's clock runs `skew` ms ahead: sign-ins look old without waiting. */
let skew = 0;
let t: TestInstance;

beforeAll(async () => {
  ({ t } = await accountWorld({
    clock: { now: () => new Date(Date.now() + skew) },
    // The access token outlives the skew; only the step-up rule sees the sign-in as old.
    accessTokenTtlSeconds: 3600,
  }));
});
afterAll(() => t.close());
afterEach(() => {
  cleanup();
  skew = 0;
});

const root = () => document.querySelector<HTMLElement>('[data-catalyst="recovery-codes"]')!;

describe('RecoveryCodes', () => {
  it('says how many are left and regenerates them after a confirmation', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'codes');
    const { recoveryCodes } = await enableTotp(person.client);
    render(
      <AuthProvider client={await clientOf(t, person.fetch)}>
        <RecoveryCodes />
      </AuthProvider>,
    );
    expect(root().getAttribute('data-state')).toBe('loading');
    expect(screen.getByText('Loading recovery codes…')).toBeTruthy();
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(screen.getByText('10 recovery codes left.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Generate new codes' }));
    const confirm = screen.getByRole('group', { name: 'Generate new codes' });
    expect(
      within(confirm).getByText('Your current recovery codes will stop working.'),
    ).toBeTruthy();
    const button = within(confirm).getByRole('button', { name: 'Generate new codes' });
    expect(document.activeElement).toBe(button);
    await user.click(button);
    const shown = await screen.findByRole('group', { name: /Save these recovery codes/ });
    const fresh = within(shown)
      .getAllByRole('listitem')
      .map((li) => li.textContent!);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    await user.click(within(shown).getByRole('button', { name: 'I have saved them' }));
    expect(screen.queryByRole('group', { name: /Save these recovery codes/ })).toBeNull();
    expect(screen.getByText('10 recovery codes left.')).toBeTruthy();
  });

  it('asks for a step-up when the sign-in is old, then regenerates', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'stale');
    const { secret } = await enableTotp(person.client);
    const client = await clientOf(t, person.fetch);
    render(
      <AuthProvider client={client}>
        <RecoveryCodes />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    skew = 11 * 60_000;
    await user.click(screen.getByRole('button', { name: 'Generate new codes' }));
    await user.click(
      within(screen.getByRole('group', { name: 'Generate new codes' })).getByRole('button', {
        name: 'Generate new codes',
      }),
    );
    const prompt = await screen.findByRole('form', { name: 'Confirm it’s you' });
    const field = await within(prompt).findByLabelText('Authentication code');
    await waitFor(() => expect(document.activeElement).toBe(field));
    // The enrolment used the previous step; the server's clock is 11 minutes ahead.
    await user.type(field, totpCode(secret, 22));
    await user.click(within(prompt).getByRole('button', { name: 'Verify' }));
    const shown = await screen.findByRole('group', { name: /Save these recovery codes/ });
    expect(within(shown).getAllByRole('listitem')).toHaveLength(10);
    expect(screen.queryByRole('form', { name: 'Confirm it’s you' })).toBeNull();
  });

  it('cancelling the step-up leaves the codes and says why', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'cancel');
    await enableTotp(person.client);
    render(
      <AuthProvider client={await clientOf(t, person.fetch)}>
        <RecoveryCodes />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    skew = 11 * 60_000;
    await user.click(screen.getByRole('button', { name: 'Generate new codes' }));
    const confirm = screen.getByRole('group', { name: 'Generate new codes' });
    await user.click(within(confirm).getByRole('button', { name: 'Generate new codes' }));
    const prompt = await screen.findByRole('form', { name: 'Confirm it’s you' });
    await user.click(within(prompt).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(within(confirm).getByRole('alert').getAttribute('data-code')).toBe('step_up_required'),
    );
    expect(screen.queryByRole('form', { name: 'Confirm it’s you' })).toBeNull();
  });

  it('is empty without a second factor, and forbidden signed out', async () => {
    const person = await signUp(t, 'none');
    const { unmount } = render(
      <AuthProvider client={await clientOf(t, person.fetch)}>
        <RecoveryCodes />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    expect(screen.getByText(/set up an authenticator app first/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    unmount();
    render(
      <AuthProvider
        client={createAuthClient({
          baseUrl: t.baseUrl,
          fetch: t.newBrowser().fetch,
          initialSession: null,
        })}
      >
        <RecoveryCodes />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText('Sign in to manage your recovery codes.')).toBeTruthy();
  });
});
