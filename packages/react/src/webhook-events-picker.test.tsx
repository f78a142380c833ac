import { createAuthClient } from '@catalyst/authkit';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
// The server's catalogue, read from its source: the picker must offer exactly these.
import { WEBHOOK_EVENT_TYPES as SERVER_TYPES } from '../../authkit/src/domain/webhooks.js';
import {
  AuthProvider,
  eventFamilies,
  toggleEventFilter,
  WEBHOOK_EVENT_TYPES,
  WebhookEventsPicker,
} from './index.js';

afterEach(cleanup);

function Picker({ initial = [] as string[] }) {
  const [value, setValue] = React.useState(initial);
  return (
    <AuthProvider client={createAuthClient({ baseUrl: 'http://localhost' })} initialSession={null}>
      <WebhookEventsPicker value={value} onChange={setValue} />
      <output data-testid="value">{value.join(' ')}</output>
    </AuthProvider>
  );
}

const value = () => screen.getByTestId('value').textContent;
const box = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

describe('WebhookEventsPicker', () => {
  it("offers the server's catalogue, grouped by family", () => {
    expect([...WEBHOOK_EVENT_TYPES]).toEqual([...SERVER_TYPES]);
    expect(eventFamilies().map((f) => f.family)).toEqual([
      'user',
      'org',
      'membership',
      'key',
      'auth',
      'audit',
    ]);
    render(<Picker />);
    const picker = screen.getByRole('group', { name: 'Events' });
    for (const type of SERVER_TYPES) expect(within(picker).getByLabelText(type)).toBeTruthy();
    const keys = within(picker).getByRole('group', { name: 'API keys' });
    expect(
      within(keys)
        .getAllByRole('checkbox')
        .map((b) => (b as HTMLInputElement).value),
    ).toEqual(['key.*', 'key.issued', 'key.revoked', 'key.rotated']);
  });

  it('a family wildcard replaces its types; "All events" stands alone', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    await user.click(box('org.created'));
    await user.click(box('user.deleted'));
    expect(value()).toBe('org.created user.deleted');
    await user.click(box('All events in Organizations'));
    expect(value()).toBe('user.deleted org.*');
    expect(box('org.updated').checked && box('org.updated').disabled).toBe(true);
    await user.click(box('All events in Organizations'));
    expect(value()).toBe('user.deleted');
    expect(box('org.updated').checked || box('org.updated').disabled).toBe(false);

    await user.click(box('All events'));
    expect(value()).toBe('*');
    expect(box('All events in Users').checked && box('All events in Users').disabled).toBe(true);
    expect(box('audit.event').disabled).toBe(true);
    await user.click(box('All events'));
    expect(value()).toBe('');
  });

  it('keeps filters it does not know', () => {
    expect(toggleEventFilter(['billing.paid'], 'org.*', true)).toEqual(['billing.paid', 'org.*']);
    expect(toggleEventFilter(['org.created', 'org.*'], 'org.created', false)).toEqual(['org.*']);
  });
});
