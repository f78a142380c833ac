'use client';
import type { Result, SsoProvider } from '@catalyst/authkit';
import * as React from 'react';
import { codeOf, useOncePerToken, useUrlToken } from './account-kit.js';
import { fillIn, LiveStatus } from './account-parts.js';
import { resolveRedirect, useCredentialsContext } from './credentials-form.js';
import { useAuthClient } from './hooks.js';
import { useWords } from './localization.js';
import type { SignInProvidersProps, SignInSso, SignInSsoRoute } from './sign-in-types.js';
import { SIGN_IN_PROVIDER_WORDS, type SignInProviderWords } from './sso-words.js';

/**
 * `<SignIn.Providers>`, loaded on its first render: the instance's providers as links to their
 * start URL, the org provider of the typed email's domain (`POST /sso/route`), and the
 * `?error=` of a failed provider sign-in in words. When the org requires its provider, the
 * password field and the submit button are hidden and submitting continues there.
 */

/** The `?error=` codes with words of their own; any other code reads as `sso_failed`. */
const ERROR_CODES = [
  'sso_failed',
  'idp_unavailable',
  'link_confirmation_required',
  'rate_limited',
  'sso_required',
  'user_banned',
] as const;

/** `user@example.com` → `example.com`; null until the address has a dotted domain. */
const domainOf = (email: string): string | null =>
  /^[^@\s]+@([^@\s]+\.[^@\s.]+)$/.exec(email.trim())?.[1]?.toLowerCase() ?? null;

/** The error message for a `?error=` code, in the component's words. */
export function providerErrorText(code: string, words: SignInProviderWords): string {
  return (ERROR_CODES as readonly string[]).includes(code)
    ? words[code as (typeof ERROR_CODES)[number]]
    : words.sso_failed;
}

/** The org provider of the typed email's domain: looked up as the domain changes, once each. */
function useOrgRoute(sso: SignInSso) {
  const client = useAuthClient();
  const [route, setRoute] = React.useState<SignInSsoRoute | null>(null);
  const asked = React.useRef<string | null>(null);
  const lookup = React.useCallback(
    async (email: string, again = false) => {
      const domain = domainOf(email);
      if (domain === asked.current && !again) return;
      asked.current = domain;
      // The last domain's provider is not this one's: nothing is offered until the answer.
      setRoute(null);
      if (!domain) return;
      // `route` is new in the SSO client: a client without it asks the endpoint itself.
      const result: Result<{ connection: SignInSsoRoute | null }> = await (sso.route
        ? sso.route(email.trim())
        : client.request('POST', '/sso/route', { email: email.trim() }));
      // A later lookup (another domain typed meanwhile) wins.
      if (asked.current === domain) setRoute(result.ok ? result.data.connection : null);
    },
    [client, sso],
  );
  return { route, lookup };
}

export function SignInProviders({
  sso,
  error,
  returnTo,
  fallback = '/',
  ...props
}: SignInProvidersProps) {
  const form = useCredentialsContext('Providers');
  const words = useWords('signInProviders', SIGN_IN_PROVIDER_WORDS);
  const ref = React.useRef<HTMLDivElement>(null);
  const [providers, setProviders] = React.useState<SsoProvider[] | null>(null);
  const [failed, setFailed] = React.useState(false);
  const [email, setEmail] = React.useState('');
  const { route, lookup } = useOrgRoute(sso);
  const fromUrl = useUrlToken(undefined, 'error');
  const client = useAuthClient();
  const given = error === undefined ? fromUrl : error;
  // The pending sign-in behind `?mfa=required` had expired or was used: start again.
  const [lost, setLost] = React.useState(false);
  const code = given ?? (lost ? 'sso_failed' : null);
  const target = resolveRedirect(returnTo, fallback);

  React.useEffect(() => {
    let live = true;
    void sso.providers().then((result) => {
      if (!live) return;
      setFailed(!result.ok);
      setProviders(result.ok ? result.data.providers : []);
    });
    return () => {
      live = false;
    };
  }, [sso]);

  // Back from a provider with a second factor due (`?mfa=required`): the pending sign-in says
  // which factors (or enrolment, when an org demands one); the form takes its own step.
  useOncePerToken(useUrlToken(undefined, 'mfa') === 'required' ? 'mfa' : null, () => {
    void client.pendingSignIn().then((result) => {
      if (result.ok) form.go({ kind: 'second-factor', challenge: result.data });
      else setLost(true);
    });
  });

  // Follows the form's email field (typed, pasted, autofilled): the domain decides the route.
  React.useEffect(() => {
    const element = ref.current?.closest('form');
    const field = element?.elements.namedItem('email');
    if (!element || !(field instanceof HTMLInputElement)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (now: boolean) => {
      clearTimeout(timer);
      setEmail(field.value);
      if (now) void lookup(field.value);
      else timer = setTimeout(() => void lookup(field.value), 300);
    };
    const onInput = (event: Event) => event.target === field && read(false);
    const onBlur = (event: Event) => event.target === field && read(true);
    element.addEventListener('input', onInput);
    element.addEventListener('focusout', onBlur);
    if (field.value) read(true);
    return () => {
      clearTimeout(timer);
      element.removeEventListener('input', onInput);
      element.removeEventListener('focusout', onBlur);
    };
  }, [lookup]);

  // The password was refused: this address must use its org's provider. Ask which one.
  const refused = codeOf(form.error) === 'sso_required';
  React.useEffect(() => {
    const field = ref.current?.closest('form')?.elements.namedItem('email');
    if (refused && field instanceof HTMLInputElement) void lookup(field.value, true);
  }, [refused, lookup]);

  const required = route?.required === true || (refused && route !== null);
  const orgUrl = route
    ? sso.startUrl(route.id, { returnTo: target, ...(email ? { loginHint: email.trim() } : {}) })
    : null;

  // An org that requires its provider: no password field, no password submit; Enter continues.
  React.useEffect(() => {
    const element = ref.current?.closest('form');
    if (!element || !required || !orgUrl) return;
    const password = element.elements.namedItem('password');
    const hide = [
      password instanceof HTMLElement
        ? (password.closest('[data-catalyst="field"]') ?? password)
        : null,
      element.querySelector('[data-catalyst="submit"]'),
    ].filter((node): node is HTMLElement => node instanceof HTMLElement && !node.hidden);
    for (const node of hide) node.hidden = true;
    const onSubmit = (event: Event) => {
      event.preventDefault();
      event.stopPropagation();
      window.location.assign(orgUrl);
    };
    element.addEventListener('submit', onSubmit);
    return () => {
      for (const node of hide) node.hidden = false;
      element.removeEventListener('submit', onSubmit);
    };
  }, [required, orgUrl]);

  const shown = (providers ?? []).filter((provider) => provider.id !== route?.id);
  const link = (provider: SsoProvider, url: string, org = false) => (
    <a
      key={provider.id}
      href={url}
      data-catalyst="sign-in-provider"
      data-provider={provider.id}
      data-org={org ? '' : undefined}
      aria-disabled={form.pending || undefined}
      // aria-disabled does not stop a link: a sign-in under way is not left mid-request.
      onClick={form.pending ? (event) => event.preventDefault() : undefined}
    >
      {fillIn(words.continueWith, { name: provider.name })}
    </a>
  );
  return (
    <div
      ref={ref}
      role="group"
      aria-label={words.providers}
      data-catalyst="sign-in-providers"
      data-state={providers ? (failed ? 'error' : 'ready') : 'loading'}
      data-route={route ? (required ? 'required' : 'found') : undefined}
      {...props}
    >
      {/* The form's own later failure replaces the one the URL brought back. */}
      {code && !form.error && (
        <p role="alert" data-catalyst="sign-in-provider-error" data-code={code}>
          {providerErrorText(code, words)}
        </p>
      )}
      <LiveStatus
        catalyst="sign-in-org-route"
        text={
          route ? fillIn(required ? words.orgRequired : words.orgFound, { name: route.name }) : null
        }
      />
      {route && orgUrl && link(route, orgUrl, true)}
      {shown.map((provider) => link(provider, sso.startUrl(provider.id, { returnTo: target })))}
      {failed && (
        <p role="alert" data-catalyst="sign-in-providers-error">
          {words.providersFailed}
        </p>
      )}
    </div>
  );
}
