import { systemClock, type Clock } from '../../ports/clock.js';
import type { EmailMessage, EmailPort } from '../../ports/email.js';
import { randomToken } from '../../tokens/opaque-token.js';
import { assertHeaderValue } from './templates.js';

export interface MailboxEntry extends EmailMessage {
  /** Random and URL-safe: the message's address under `/dev/mailbox/{id}`. */
  id: string;
  receivedAt: Date;
}

export interface DevMailboxOptions {
  /** Most messages kept; the oldest is dropped first. */
  capacity?: number;
  /** Where the one line per message goes; `console.info` by default. */
  log?: (line: string) => void;
  /** Public base URL plus base path, e.g. `http://localhost:3000/api/auth`. */
  linkBase?: string;
  clock?: Clock;
}

export type DevMailbox = EmailPort & {
  /** Newest first. */
  list(): MailboxEntry[];
  get(id: string): MailboxEntry | undefined;
  clear(): void;
};

/**
 * Keeps sent email in memory for development (no SMTP configured). It logs a link to each
 * message rather than its body, which holds a live token the logs must not keep.
 */
export function createDevMailbox(options: DevMailboxOptions = {}): DevMailbox {
  const capacity = options.capacity ?? 200;
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError('dev mailbox capacity must be a positive integer');
  }
  const log = options.log ?? ((line: string) => console.info(line));
  const linkBase = (options.linkBase ?? '/api/auth').replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  // A ring: `slots[next]` is overwritten once the mailbox is full.
  const slots: Array<MailboxEntry | undefined> = new Array(capacity);
  let next = 0;

  return {
    async send(message) {
      // Refuse what SMTP would refuse, so a bad template fails in development too.
      assertHeaderValue('to', message.to);
      assertHeaderValue('subject', message.subject);
      assertHeaderValue('kind', message.kind);
      const entry: MailboxEntry = Object.freeze({
        id: randomToken(16),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        kind: message.kind,
        receivedAt: clock.now(),
      });
      slots[next] = entry;
      next = (next + 1) % capacity;
      log(
        `[catalyst] dev mailbox: ${entry.kind} email to ${entry.to}: ${linkBase}/dev/mailbox/${entry.id}`,
      );
    },
    list() {
      const out: MailboxEntry[] = [];
      for (let i = 1; i <= capacity; i += 1) {
        const entry = slots[(next - i + capacity) % capacity];
        if (entry) out.push(entry);
      }
      return out;
    },
    get(id) {
      return slots.find((entry) => entry?.id === id);
    },
    clear() {
      slots.fill(undefined);
      next = 0;
    },
  };
}
