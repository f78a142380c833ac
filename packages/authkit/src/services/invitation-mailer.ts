import type { EmailTemplates } from '../adapters/email/templates.js';
import { renderEmail } from '../adapters/email/templates.js';
import type { EmailPort } from '../ports/email.js';
import type { OrgRecord, StorePort } from '../ports/store.js';
import type { InvitationRecord } from '../ports/tenancy-store.js';

/** Builds invitation links from the configured public URL (never the request) and mails them. */
export class InvitationMailer {
  constructor(
    private readonly store: StorePort,
    private readonly email: EmailPort,
    private readonly options: {
      baseUrl: string;
      invitationPath: string;
      templates?: Partial<EmailTemplates> | undefined;
      log: (event: { msg: string; error: string }) => void;
    },
  ) {}

  acceptUrl(token: string): string {
    const url = new URL(this.options.invitationPath, this.options.baseUrl);
    url.searchParams.set('token', token);
    return url.toString();
  }

  /** Sends; a failure is logged (without the address or token) and the invitation stays. */
  async send(invitation: InvitationRecord, org: OrgRecord, inviterId: string, token: string) {
    const inviter = await this.store.users.findById(inviterId);
    try {
      const message = renderEmail(
        this.options.templates,
        'invitation',
        {
          orgName: org.name,
          inviterName: inviter?.name ?? inviter?.email ?? 'A colleague',
          url: this.acceptUrl(token),
          expiresAt: invitation.expiresAt,
          roles: invitation.roles,
        },
        invitation.email,
      );
      await this.email.send(message);
    } catch (error) {
      this.options.log({
        msg: 'invitation email not sent',
        error: error instanceof Error ? error.constructor.name : typeof error,
      });
    }
  }
}
