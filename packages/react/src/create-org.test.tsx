import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, CreateOrg, slugify } from './index.js';

let t: TestInstance;
let ada: Person;

beforeAll(async () => {
  t = await createTestInstance();
  ada = await signUp(t, 'Ada');
});
afterAll(() => t.close());
afterEach(cleanup);

const form = () => document.querySelector('[data-catalyst="create-org"]')!;

describe('slugify', () => {
  it('derives a valid slug from a name', () => {
    expect(slugify('Acme, Inc.')).toBe('acme-inc');
    expect(slugify('  Ünïcode  Café ')).toBe('unicode-cafe');
    expect(slugify('a'.repeat(39) + ' b')).toBe('a'.repeat(39));
  });
});

describe('CreateOrg', () => {
  it('derives the slug until it is edited, creates the org and switches to it', async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    const client = await clientFor(ada);
    render(
      <AuthProvider client={client}>
        <CreateOrg onCreated={onCreated} />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('Organization name'), 'Analytical Engines');
    expect((screen.getByLabelText('URL slug') as HTMLInputElement).value).toBe(
      'analytical-engines',
    );
    await user.clear(screen.getByLabelText('URL slug'));
    await user.type(screen.getByLabelText('URL slug'), 'engines-ltd');
    await user.type(screen.getByLabelText('Organization name'), ' Ltd');
    expect((screen.getByLabelText('URL slug') as HTMLInputElement).value).toBe('engines-ltd');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(onCreated.mock.calls[0]![0]).toMatchObject({
      name: 'Analytical Engines Ltd',
      slug: 'engines-ltd',
      roles: ['owner'],
    });
    // Switched: the session store says so at once.
    await waitFor(() => expect(client.session.getSnapshot().data?.org?.slug).toBe('engines-ltd'));
    expect(form().getAttribute('data-state')).toBe('idle');
    expect((screen.getByLabelText('Organization name') as HTMLInputElement).value).toBe('');
  });

  it('shows slug_taken on the slug field and keeps the session where it was', async () => {
    const user = userEvent.setup();
    const taken = await createOrg(ada, 'Taken', 'taken-slug');
    const onError = vi.fn();
    const client = await clientFor(ada);
    render(
      <AuthProvider client={client}>
        <CreateOrg onError={onError} activate={false} />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('Organization name'), 'Taken Slug');
    expect((screen.getByLabelText('URL slug') as HTMLInputElement).value).toBe(taken.slug);
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('slug_taken');
    const slug = screen.getByLabelText('URL slug');
    expect(slug.getAttribute('aria-invalid')).toBe('true');
    expect(slug.getAttribute('aria-describedby')).toBe(alert.id);
    expect(form().getAttribute('data-state')).toBe('error');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'slug_taken' }));
    expect(client.session.getSnapshot().data?.org).toBeNull();
  });

  it('shows an invalid slug on its field, in the provider’s words', async () => {
    const user = userEvent.setup();
    render(
      <AuthProvider
        client={await clientFor(ada)}
        localization={{
          createOrg: { name: 'Nom', slug: 'Identifiant', submit: 'Créer' },
          errors: { invalid_request: 'Identifiant invalide.' },
        }}
      >
        <CreateOrg activate={false} />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('Nom'), 'Ok Name');
    await user.clear(screen.getByLabelText('Identifiant'));
    await user.type(screen.getByLabelText('Identifiant'), 'x');
    await user.click(screen.getByRole('button', { name: 'Créer' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Identifiant invalide.');
    expect(screen.getByLabelText('Identifiant').getAttribute('aria-invalid')).toBe('true');
  });

  it('composes from parts with asChild', async () => {
    render(
      <AuthProvider client={await clientFor(ada)}>
        <CreateOrg.Root className="new-org">
          <CreateOrg.Label name="name" asChild>
            <label />
          </CreateOrg.Label>
          <CreateOrg.Field name="name" className="input" />
          <CreateOrg.Submit asChild>
            <button className="go" />
          </CreateOrg.Submit>
        </CreateOrg.Root>
      </AuthProvider>,
    );
    expect(document.querySelector('form.new-org')?.getAttribute('data-catalyst')).toBe(
      'create-org',
    );
    expect(screen.getByLabelText('Organization name').className).toBe('input');
    expect(document.querySelector('button.go')?.textContent).toBe('Create organization');
  });
});
