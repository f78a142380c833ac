import type { AuthClient, MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as React from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shownActions, viewer } from '../test/audit-world.js';
import { clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuditViewer } from './audit-viewer.js';
import { AuthProvider } from './auth-provider.js';
import type { AuditFilterValues } from './data/audit-resources.js';
import { useAuditLog } from './use-audit-log.js';

let t: TestInstance;
let ada: Person;
let org: MyOrg;

beforeAll(async () => {
  t = await createTestInstance();
  ada = await signUp(t, 'Ada');
  org = await createOrg(ada, 'Tailed');
});
afterAll(() => t.close());
afterEach(() => {
  cleanup();
  setHidden(false);
});

/** What `document.visibilityState` says, and the event a browser sends when it changes. */
function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

async function rename(name: string) {
  const result = await ada.client.orgs.update(org.id, { name });
  if (!result.ok) throw new Error(result.error.message);
}

/** How many list requests the client makes (the live tail's polls among them). */
function counted(client: AuthClient) {
  let lists = 0;
  const list = client.audit.org;
  const wrapped = Object.create(client) as AuthClient;
  Object.defineProperty(wrapped, 'audit', {
    value: {
      ...client.audit,
      org: (orgId: string) => {
        const log = list(orgId);
        return {
          ...log,
          list: (...args: Parameters<typeof log.list>) => (lists++, log.list(...args)),
        };
      },
    },
  });
  return { client: wrapped, lists: () => lists };
}

describe('useAuditLog', () => {
  it('live tail: prepends newer events, pauses while the tab is hidden', async () => {
    const user = userEvent.setup();
    const base = counted(await clientFor(ada, { org }));
    render(
      <AuthProvider client={base.client}>
        <AuditViewer orgId={org.id} pollMs={100} />
      </AuthProvider>,
    );
    await waitFor(() => expect(viewer().getAttribute('data-state')).toBe('ready'));
    expect(viewer().getAttribute('data-live')).toBe('off');
    const live = screen.getByRole('switch', { name: 'Live tail' }) as HTMLInputElement;
    expect(live.checked).toBe(false);
    expect(shownActions()).toEqual(['org.created']);

    // Off by default: a new event does not appear by itself.
    await rename('Tailed 1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(shownActions()).toEqual(['org.created']);

    await user.click(live);
    expect(viewer().getAttribute('data-live')).toBe('on');
    await waitFor(() => expect(shownActions()).toEqual(['org.updated', 'org.created']));
    const fresh = document.querySelector('[data-catalyst="audit-event"]')!;
    expect(fresh.hasAttribute('data-new')).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Watching for new events. New events: 1.');

    await rename('Tailed 2');
    await waitFor(() => expect(shownActions()).toHaveLength(3));
    expect(shownActions()[0]).toBe('org.updated');

    // Hidden: no more polls until the tab is back, then one at once.
    act(() => setHidden(true));
    expect(viewer().getAttribute('data-live')).toBe('paused');
    expect(screen.getByRole('status').textContent).toBe('Paused while this tab is hidden.');
    const polls = base.lists();
    await rename('Tailed 3');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(base.lists()).toBe(polls);
    expect(shownActions()).toHaveLength(3);
    act(() => setHidden(false));
    await waitFor(() => expect(shownActions()).toHaveLength(4));
    expect(viewer().getAttribute('data-live')).toBe('on');

    // Off again: no more polls.
    await user.click(live);
    const after = base.lists();
    await rename('Tailed 4');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(base.lists()).toBe(after);
    expect(shownActions()).toHaveLength(4);
  });

  it('refetches when the filters change; exportUrl carries them', async () => {
    const client = await clientFor(ada, { org });
    const wrapper = ({ children }: { children: React.ReactNode }) => (
      <AuthProvider client={client}>{children}</AuthProvider>
    );
    const { result, rerender } = renderHook(
      ({ filters }: { filters: AuditFilterValues }) => useAuditLog({ orgId: org.id }, filters),
      { wrapper, initialProps: { filters: {} } },
    );
    await waitFor(() => expect(result.current.state).toBe('ready'));
    expect(result.current.events.map((e) => e.action)).toContain('org.updated');
    expect(result.current.canRead).toBe(true);

    rerender({ filters: { action: ' org.created , ', actor: '' } });
    await waitFor(() =>
      expect(result.current.events.map((e) => e.action)).toEqual(['org.created']),
    );
    expect(result.current.filters).toEqual({ action: 'org.created' });
    const url = new URL(result.current.exportUrl('csv')!);
    expect(url.pathname).toBe(`/api/auth/orgs/${org.id}/audit/export`);
    expect(url.search).toBe('?action=org.created&format=csv');

    rerender({ filters: { since: 'yesterday' } });
    await waitFor(() => expect(result.current.state).toBe('error'));
    expect(result.current.filterError?.field).toBe('since');
  });
});
