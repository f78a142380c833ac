import { afterEach, describe, expect, it } from 'vitest';
import { resolveRedirect } from './credentials-form.js';

// Each case sets the page's own URL first (happy-dom's window API, absent from the DOM types).
function at(url: string) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

describe('resolveRedirect (where a signed-in browser goes next)', () => {
  afterEach(() => at('http://localhost:3000/'));

  it('keeps redirect_url on our own origin and drops other hosts by default', () => {
    at('https://auth.example.com/sign-in?redirect_url=%2Fdashboard');
    expect(resolveRedirect(undefined, '/')).toBe('https://auth.example.com/dashboard');
    at('https://auth.example.com/sign-in?redirect_url=https%3A%2F%2Fgrafana.example.com%2Fd');
    expect(resolveRedirect(undefined, '/')).toBe('https://auth.example.com/');
  });

  it('follows redirect_url to an allowed subdomain (forward-auth across subdomains)', () => {
    at('https://auth.example.com/sign-in?redirect_url=https%3A%2F%2Fgrafana.example.com%2Fd');
    expect(resolveRedirect(undefined, '/', ['*.example.com'])).toBe(
      'https://grafana.example.com/d',
    );
    at('https://auth.example.com/sign-in?redirect_url=https%3A%2F%2Fevil.example.net%2F');
    expect(resolveRedirect(undefined, '/', ['*.example.com'])).toBe('https://auth.example.com/');
  });
});
