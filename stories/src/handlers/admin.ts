import { http, HttpResponse } from 'msw';
import { adminDetail, adminUsers, type AdminUserFixture } from '../admin-fixtures';
import { ada, currentSession, sessionPayload } from '../fixtures';
import { fileUrl, pngBytes, type ProfileFixture } from '../profile-fixtures';
import {
  hang,
  noContent,
  problem,
  route,
  unavailable,
  type RequestBody,
  type ResponseBody,
  type User,
} from './api';

type List = ResponseBody<'/admin/users', 'get', 200>;
type Detail = ResponseBody<'/admin/users/{userId}', 'get', 200>;
type One = ResponseBody<'/admin/users/{userId}', 'patch', 200>;
type Bulk = ResponseBody<'/admin/users/bulk', 'post', 200>;
type SignedOut = ResponseBody<'/admin/users/{userId}/sessions', 'delete', 200>;
type Impersonated = ResponseBody<'/admin/users/{userId}/impersonation', 'post', 200>;
type SessionBody = ResponseBody<'/session', 'get', 200>;
type EditBody = RequestBody<'/admin/users/{userId}', 'patch'>;
type RolesBody = RequestBody<'/admin/users/{userId}/platform-roles', 'put'>;
type BanBody = RequestBody<'/admin/users/{userId}/ban', 'post'>;
type BulkBody = RequestBody<'/admin/users/bulk', 'post'>;
type ProfilePatch = RequestBody<'/admin/users/{userId}/profile', 'patch'>;

const LIST = route('/admin/users');
const ONE = route('/admin/users/{userId}');
const PROFILE = route('/admin/users/{userId}/profile');
const AVATAR = route('/admin/users/{userId}/avatar');
/** A time zone the stories' server knows: `Area/City` (the real one asks the runtime). */
const ZONE = /^(UTC|[A-Z][a-z]+\/[A-Za-z_]+)$/;
const NOW = '2025-03-04T10:30:00.000Z';

/** `GET /session` for Ada holding `roles` (what the panel reads its permissions from). */
export const adminSession = (roles: string[], user: User = ada) =>
  http.get(route('/session'), () =>
    HttpResponse.json({
      ...sessionPayload(user, currentSession),
      platformRoles: roles,
      impersonator: null,
    } satisfies SessionBody),
  );

/** The server's order: by the sort key, then by id; `-` descending. */
function sorted(users: AdminUserFixture[], sort: string): AdminUserFixture[] {
  const key = sort.replace('-', '') as 'created' | 'email' | 'lastActive';
  const value = (u: AdminUserFixture) =>
    key === 'email' ? u.email : key === 'created' ? u.createdAt : (u.lastActiveAt ?? '');
  const out = [...users].sort(
    (a, b) => value(a).localeCompare(value(b)) || a.id.localeCompare(b.id),
  );
  return sort.startsWith('-') ? out.reverse() : out;
}

/** The server's filters, sort and keyset paging (the cursor here is just an offset). */
function page(users: AdminUserFixture[], url: string): List {
  const q = new URL(url).searchParams;
  const text = q.get('q')?.toLowerCase();
  const role = q.get('platformRole');
  const banned = q.get('banned');
  const label = q.get('label');
  const matching = users.filter(
    (u) =>
      (!text ||
        u.id === text ||
        u.email.includes(text) ||
        (u.name ?? '').toLowerCase().includes(text)) &&
      (!role ||
        (role === 'any'
          ? u.platformRoles.length > 0
          : role === 'none'
            ? u.platformRoles.length === 0
            : u.platformRoles.includes(role))) &&
      (banned === null || (u.ban !== null) === (banned === 'true')) &&
      (!label || u.labels.includes(label)) &&
      (!q.get('orgId') || adminDetail(u).memberships.some((m) => m.orgId === q.get('orgId'))),
  );
  const all = sorted(matching, q.get('sort') ?? '-created');
  const from = Number(q.get('cursor') ?? 0);
  const limit = Number(q.get('limit') ?? 25);
  const shown = all.slice(from, from + limit);
  return { users: shown, nextCursor: from + limit < all.length ? String(from + limit) : null };
}

const notFound = () => problem(404, 'not_found', 'no such user', { field: 'userId' });

/**
 * `/admin/users` with state: search, filters, sort and pages; detail; edits, roles, bans, sign
 * out everywhere, password resets, MFA resets, deletes, bulk actions and impersonation. Fresh
 * state per call.
 */
function world(initial: AdminUserFixture[] = adminUsers) {
  let users = [...initial];
  const find = (id: unknown) => users.find((u) => u.id === id);
  const change = (id: unknown, patch: Partial<AdminUserFixture>) => {
    const user = find(id);
    if (!user) return null;
    const next = { ...user, ...patch, updatedAt: NOW };
    users = users.map((u) => (u === user ? next : u));
    return next;
  };
  const profiles = new Map<string, ProfileFixture>();
  const profileOf = (user: AdminUserFixture): ProfileFixture =>
    profiles.get(user.id) ?? {
      userId: user.id,
      email: user.email,
      name: user.name,
      locale: user.platformRoles.length ? 'en-GB' : null,
      timezone: user.platformRoles.length ? 'Europe/London' : null,
      avatarUrl: user.platformRoles.includes('admin') ? fileUrl(`file_${user.id}`) : null,
      fields: {},
      updatedAt: user.updatedAt,
    };
  const setProfile = (user: AdminUserFixture, patch: Partial<ProfileFixture>) => {
    const next = { ...profileOf(user), ...patch, updatedAt: NOW };
    profiles.set(user.id, next);
    return HttpResponse.json(next);
  };
  const answer = (user: AdminUserFixture | null) =>
    user ? HttpResponse.json(user satisfies One) : notFound();
  const ban = (body: BanBody) => ({
    since: NOW,
    reason: body.reason ?? null,
    expiresAt: body.expiresAt ?? null,
  });
  return [
    http.get(LIST, ({ request }) => HttpResponse.json(page(users, request.url) satisfies List)),
    http.post<never, BulkBody>(route('/admin/users/bulk'), async ({ request }) => {
      const body = await request.json();
      const results = body.userIds.map((userId) => {
        const user = find(userId);
        if (!user) return { userId, ok: false, code: 'not_found' };
        if (body.action === 'delete' && user.platformRoles.includes('admin'))
          return { userId, ok: false, code: 'last_admin' };
        if (body.action === 'delete') users = users.filter((u) => u !== user);
        if (body.action === 'ban') change(userId, { ban: ban(body) });
        if (body.action === 'unban') change(userId, { ban: null });
        if (body.action === 'label') {
          const drop = new Set(body.removeLabels ?? []);
          const labels = [...new Set([...user.labels, ...(body.addLabels ?? [])])];
          change(userId, { labels: labels.filter((l) => !drop.has(l)).sort() });
        }
        return { userId, ok: true };
      });
      return HttpResponse.json({ results } satisfies Bulk);
    }),
    http.get(ONE, ({ params }) => {
      const user = find(params.userId);
      return user ? HttpResponse.json(adminDetail(user) satisfies Detail) : notFound();
    }),
    http.patch<{ userId: string }, EditBody>(ONE, async ({ params, request }) => {
      const body = await request.json();
      const labels = body.labels ? { labels: [...new Set(body.labels)].sort() } : {};
      return answer(
        change(params.userId, {
          ...labels,
          ...('name' in body ? { name: body.name ?? null } : {}),
        }),
      );
    }),
    http.get(PROFILE, ({ params }) => {
      const user = find(params.userId);
      return user ? HttpResponse.json(profileOf(user)) : notFound();
    }),
    http.patch<{ userId: string }, ProfilePatch>(PROFILE, async ({ params, request }) => {
      const user = find(params.userId);
      if (!user) return notFound();
      const { fields, ...patch } = await request.json();
      if (patch.timezone && !ZONE.test(patch.timezone)) {
        return problem(400, 'invalid_request', 'timezone: must be an IANA time zone', {
          field: 'timezone',
        });
      }
      if ('name' in patch) change(user.id, { name: patch.name ?? null });
      return setProfile(user, { ...patch, fields: { ...profileOf(user).fields, ...fields } });
    }),
    http.put(AVATAR, ({ params }) => {
      const user = find(params.userId);
      return user ? setProfile(user, { avatarUrl: fileUrl(`file_new_${user.id}`) }) : notFound();
    }),
    http.delete(AVATAR, ({ params }) => {
      const user = find(params.userId);
      if (!user) return notFound();
      setProfile(user, { avatarUrl: null });
      return noContent();
    }),
    http.get(
      route('/files/{fileId}'),
      () => new HttpResponse(pngBytes, { headers: { 'content-type': 'image/png' } }),
    ),
    http.put<{ userId: string }, RolesBody>(
      route('/admin/users/{userId}/platform-roles'),
      async ({ params, request }) =>
        answer(change(params.userId, { platformRoles: (await request.json()).roles })),
    ),
    http.post<{ userId: string }, BanBody>(
      route('/admin/users/{userId}/ban'),
      async ({ params, request }) =>
        answer(change(params.userId, { ban: ban(await request.json()) })),
    ),
    http.delete(route('/admin/users/{userId}/ban'), ({ params }) =>
      answer(change(params.userId, { ban: null })),
    ),
    http.delete(route('/admin/users/{userId}/sessions'), ({ params }) =>
      find(params.userId) ? HttpResponse.json({ sessions: 2 } satisfies SignedOut) : notFound(),
    ),
    http.post(route('/admin/users/{userId}/password-reset'), noContent),
    http.delete(route('/admin/users/{userId}/mfa'), noContent),
    http.delete(ONE, ({ params }) => {
      users = users.filter((u) => u.id !== params.userId);
      return noContent();
    }),
    http.post(route('/admin/users/{userId}/impersonation'), ({ params }) => {
      const user = find(params.userId);
      if (!user) return notFound();
      const {
        ban: _ban,
        labels: _labels,
        platformRoles: _roles,
        lastActiveAt: _seen,
        ...own
      } = user;
      return HttpResponse.json({
        ...sessionPayload(own, { ...currentSession, id: 'ses_impersonation', userId: user.id }),
        platformRoles: [],
        impersonator: { id: ada.id, email: ada.email, name: ada.name },
      } satisfies Impersonated);
    }),
  ];
}

/** `/admin/users` for each state of `<UserAdminPanel>`. */
export const adminHandlers = {
  /** Eight users (an admin, a support agent, two banned); every change sticks. */
  populated: () => world(),
  empty: () => world([]),
  loading: [http.get(LIST, hang)],
  error: [http.get(LIST, unavailable)],
  /** The server refuses (no platform role): `403 forbidden`. */
  forbidden: [
    http.get(LIST, () => problem(403, 'forbidden', 'requires a platform role')),
    http.get(ONE, () => problem(403, 'forbidden', 'requires a platform role')),
  ],
};
