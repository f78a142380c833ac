import { createAuthkit } from '../server/create-authkit.js';
import { settingsFromEnv } from '../server/config.js';
import type { CliIo } from './io.js';

const USAGE = `usage: catalyst users list
       catalyst users create <email> (password from CATALYST_USER_PASSWORD)
       catalyst users promote <email|id> [--role admin|support]
       catalyst users demote <email|id>
       catalyst users ban <email|id> [--reason TEXT] [--until ISO-8601]
       catalyst users unban <email|id>`;

/** `catalyst users …`: operator account commands, audited as the `system` actor. */
export async function usersCommand(
  io: CliIo,
  options: {
    sub: string | undefined;
    target: string | undefined;
    role: string | undefined;
    reason?: string | undefined;
    until?: string | undefined;
  },
): Promise<number> {
  const { sub, target } = options;
  if (!sub || (sub !== 'list' && !target)) {
    io.err(USAGE);
    return 2;
  }
  const authkit = createAuthkit(settingsFromEnv(io.env));
  try {
    if (sub === 'list') {
      let afterId: string | undefined;
      let count = 0;
      for (;;) {
        const page = await authkit.api.users.list({ ...(afterId ? { afterId } : {}), limit: 500 });
        for (const u of page) {
          io.out(`${u.id}  ${u.email}  ${u.platformRoles.join(',') || '-'}`);
        }
        count += page.length;
        if (page.length < 500) break;
        afterId = page.at(-1)!.id;
      }
      if (count === 0) io.out('no users yet');
      return 0;
    }
    if (sub === 'create') {
      // Never from argv: a password there lands in shell history and `ps`.
      const password = io.env.CATALYST_USER_PASSWORD;
      if (!password) {
        io.err("set CATALYST_USER_PASSWORD to the new account's password");
        return 2;
      }
      const user = await authkit.api.createUser({ email: target!, password });
      io.out(`created ${user.id} ${user.email}`);
      return 0;
    }
    if (sub === 'promote' || sub === 'demote') {
      const roles = sub === 'promote' ? [options.role ?? 'admin'] : [];
      const user = await authkit.api.users.setPlatformRoles(target!, roles);
      io.out(`${user.email}: platform roles ${user.platformRoles.join(',') || 'none'}`);
      return 0;
    }
    if (sub === 'ban') {
      const until = options.until ? new Date(options.until) : null;
      if (until && Number.isNaN(until.getTime())) {
        io.err('--until must be an ISO 8601 date-time');
        return 2;
      }
      const user = await authkit.api.users.ban(target!, {
        reason: options.reason ?? null,
        expiresAt: until,
      });
      io.out(
        `${user.email}: banned${until ? ` until ${until.toISOString()}` : ''}; sessions ended`,
      );
      return 0;
    }
    if (sub === 'unban') {
      const user = await authkit.api.users.unban(target!);
      io.out(`${user.email}: ban lifted`);
      return 0;
    }
    io.err(USAGE);
    return 2;
  } finally {
    await authkit.api.close();
  }
}
