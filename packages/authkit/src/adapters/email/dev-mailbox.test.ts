import { describe, expect, it, vi } from 'vitest';
import { createDevMailbox } from './dev-mailbox.js';
import { renderEmail } from './templates.js';

const token = 'tok_' + 'x'.repeat(30);
const invitation = (orgName: string) =>
  renderEmail(
    undefined,
    'invitation',
    {
      orgName,
      inviterName: 'Ada',
      url: `https://app.example.com/invitations/${token}`,
      expiresAt: new Date('2030-01-01T00:00:00Z'),
      roles: ['member'],
    },
    'bob@example.com',
  );

function setup(capacity?: number) {
  const lines: string[] = [];
  const mailbox = createDevMailbox({
    capacity,
    log: (line) => lines.push(line),
    linkBase: 'http://localhost:3000/api/auth/',
  });
  return { mailbox, lines };
}

describe('createDevMailbox', () => {
  it('keeps at most `capacity` messages, newest first', async () => {
    const { mailbox } = setup(3);
    for (const n of [1, 2, 3, 4, 5]) await mailbox.send(invitation(`Org ${n}`));
    const subjects = mailbox.list().map((entry) => entry.subject);
    expect(subjects).toEqual([
      'Ada invited you to join Org 5',
      'Ada invited you to join Org 4',
      'Ada invited you to join Org 3',
    ]);
    const oldest = mailbox.list()[2]!;
    expect(mailbox.get(oldest.id)).toBe(oldest);
    mailbox.clear();
    expect(mailbox.list()).toEqual([]);
    expect(mailbox.get(oldest.id)).toBeUndefined();
  });

  it('gives each message a random URL-safe id and a receive time', async () => {
    const { mailbox } = setup();
    await mailbox.send(invitation('A'));
    await mailbox.send(invitation('A'));
    const [a, b] = mailbox.list();
    expect(a!.id).toMatch(/^[\w-]{16,}$/);
    expect(a!.id).not.toBe(b!.id);
    expect(a!.receivedAt).toBeInstanceOf(Date);
  });

  it('logs one line with the link to the message, never its body', async () => {
    const { mailbox, lines } = setup();
    await mailbox.send(invitation('Acme'));
    const [entry] = mailbox.list();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`http://localhost:3000/api/auth/dev/mailbox/${entry!.id}`);
    expect(lines[0]).not.toContain(token);
    expect(lines[0]).not.toContain('<');
  });

  it('logs through console.info by default, under the default base path', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const mailbox = createDevMailbox();
      await mailbox.send(invitation('Acme'));
      expect(info).toHaveBeenCalledTimes(1);
      expect(info.mock.calls[0]?.[0]).toContain(`/api/auth/dev/mailbox/${mailbox.list()[0]!.id}`);
    } finally {
      info.mockRestore();
    }
  });

  it('refuses a bad capacity and a multi-line subject', async () => {
    expect(() => createDevMailbox({ capacity: 0 })).toThrow(RangeError);
    const { mailbox } = setup();
    const bad = { ...invitation('A'), subject: 'a\r\nBcc: x@y.z' };
    await expect(mailbox.send(bad)).rejects.toThrow(/single line/);
  });
});
