/** One rendered email, ready for a transport. Every field is plain data so adapters stay dumb. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** template kind, e.g. 'invitation' */
  kind: string;
}

/** Delivers email: SMTP in production, the in-memory dev mailbox otherwise. */
export interface EmailPort {
  send(message: EmailMessage): Promise<void>;
}
