/**
 * Test helpers for the org components: people signed up on a real in-process server
 * (`@catalyst/authkit/testing`), orgs and members created through its API, and a fetch wrapper
 * that answers a few routes from stubs (what a test must script: invitations addressed to a
 * verified email, domain suggestions, a failure) and sends everything else to the real server.
 */
import {
  createAuthClient,
  type AuthClient,
  type MyOrg,
  type SessionPayload,
} from '@catalyst/authkit';
import type { TestInstance } from '@catalyst/authkit/testing';

export type ActiveOrg = NonNullable<SessionPayload['org']>;

const KNOWN = [
  'org:read',
  'org:update',
  'members:read',
  'members:manage',
  'groups:manage',
  'roles:manage',
  'invitations:manage',
  'keys:manage',
  'webhooks:manage',
  'audit:read',
  'labels:manage',
  'entitlements:manage',
  'domains:manage',
];

/** The built-in roles' permissions (as the server's `BUILT_IN_ROLE_PERMISSIONS`). */
export const BUILT_IN_PERMISSIONS: Record<string, string[]> = {
  owner: ['*'],
  admin: KNOWN,
  member: ['org:read', 'members:read'],
};

export interface Person {
  id: string;
  email: string;
  name: string;
  fetch: typeof globalThis.fetch;
  /** A client on this person's cookie jar (no initial session). */
  client: AuthClient;
}

export const PASSWORD = 'correct horse battery staple';
let n = 0;

export async function signUp(t: TestInstance, name: string): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, '')}-${n++}@example.com`;
  const browser = t.newBrowser();
  const result = await browser.client.signUp({ email, password: PASSWORD, name });
  if (!result.ok) throw new Error(result.error.message);
  return { id: result.data.user.id, email, name, fetch: browser.fetch, client: browser.client };
}

export async function createOrg(owner: Person, name: string, slug?: string): Promise<MyOrg> {
  const result = await owner.client.orgs.create({
    name,
    slug: slug ?? `${name.toLowerCase().replace(/\W+/g, '-')}-${n++}`,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

export async function addMember(owner: Person, org: MyOrg, person: Person, roles: string[]) {
  const result = await owner.client.orgs.addMember(org.id, { userId: person.id, roles });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/** The session's view of an org for someone holding `roles` in it. */
export function activeOrg(org: Pick<MyOrg, 'id' | 'slug' | 'name' | 'plan'>, roles: string[]) {
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    roles,
    permissions: [...new Set(roles.flatMap((role) => BUILT_IN_PERMISSIONS[role] ?? []))].sort(),
    groups: [],
    labels: org.plan ? [`plan:${org.plan}`] : [],
    plan: org.plan,
    features: [],
  } satisfies ActiveOrg;
}

export const json = (body: unknown, status = 200) =>
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

export const problem = (status: number, code: string, detail: string, field?: string) =>
  new Response(JSON.stringify({ status, code, detail, ...(field ? { field } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** `METHOD /path/:param` → handler; matched against the path after `/api/auth`. */
export type Stubs = Record<
  string,
  (request: Request, params: Record<string, string>) => Response | Promise<Response>
>;

/** A fetch that answers `stubs` itself and forwards the rest to `real`. */
export function stubbed(real: typeof globalThis.fetch, stubs: Stubs): typeof globalThis.fetch {
  const routes = Object.entries(stubs).map(([key, handler]) => {
    const [method, path] = key.split(' ') as [string, string];
    const names: string[] = [];
    const pattern = new RegExp(
      `^/api/auth${path.replace(/:(\w+)/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    return { method, pattern, names, handler };
  });
  return async (input, init) => {
    const request = new Request(new URL(String(input), 'http://localhost:3000'), init);
    const url = new URL(request.url);
    for (const route of routes) {
      const match = route.method === request.method && route.pattern.exec(url.pathname);
      if (match) {
        const params = Object.fromEntries(
          route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]),
        );
        return route.handler(request, params);
      }
    }
    return real(input, init);
  };
}

/**
 * A client for `person` that knows their session up front (no loading state), with `org` made
 * the active org on the real server first (or none), forwarding to the real server except for
 * `stubs`.
 */
export async function clientFor(
  person: Person,
  options: { org?: MyOrg | null; stubs?: Stubs } = {},
): Promise<AuthClient> {
  const switched = await person.client.setActiveOrg(options.org?.id ?? null);
  if (!switched.ok) throw new Error(switched.error.message);
  return createAuthClient({
    baseUrl: 'http://localhost:3000',
    fetch: stubbed(person.fetch, options.stubs ?? {}),
    initialSession: switched.data,
  });
}
