import { describe, expect, it } from 'vitest';
import { compileProxyTrust } from '../server/client-address.js';
import { blockedReason, parseWebhookUrl, resolveWebhookTarget } from './webhook-target.js';

const none = compileProxyTrust([]);

describe('webhook targets', () => {
  it('refuses loopback, private, link-local, CGNAT, metadata and mapped addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.9',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '224.0.0.1',
    ]) {
      expect(blockedReason(ip, none), ip).not.toBeNull();
    }
    expect(blockedReason('93.184.216.34', none)).toBeNull();
    expect(blockedReason('2606:2800:220:1::1', none)).toBeNull();
  });

  it('lets CATALYST_WEBHOOK_ALLOWED_NETWORKS open a private range', () => {
    const allowed = compileProxyTrust(['127.0.0.0/8']);
    expect(blockedReason('127.0.0.1', allowed)).toBeNull();
    expect(blockedReason('10.0.0.1', allowed)).toBe('private');
  });

  it('accepts http(s) only, without credentials', () => {
    expect(parseWebhookUrl('https://hooks.example.com/x#frag').toString()).toBe(
      'https://hooks.example.com/x',
    );
    for (const bad of [
      'ftp://example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@example.com/',
      'not a url',
      `https://example.com/${'a'.repeat(2100)}`,
    ]) {
      expect(() => parseWebhookUrl(bad), bad).toThrow(
        expect.objectContaining({ code: 'invalid_webhook_url', field: 'url' }),
      );
    }
  });

  it('checks every resolved address, so one internal record is enough to refuse', async () => {
    const lookup = async () => ['93.184.216.34', '10.0.0.5'];
    await expect(
      resolveWebhookTarget(new URL('https://mixed.example/'), lookup, none),
    ).rejects.toMatchObject({ code: 'webhook_target_forbidden' });
    await expect(
      resolveWebhookTarget(new URL('https://ok.example/'), async () => ['93.184.216.34'], none),
    ).resolves.toEqual(['93.184.216.34']);
    await expect(
      resolveWebhookTarget(new URL('http://[::1]:8080/'), lookup, none),
    ).rejects.toMatchObject({ code: 'webhook_target_forbidden' });
    await expect(
      resolveWebhookTarget(new URL('https://nowhere.invalid/'), async () => [], none),
    ).rejects.toMatchObject({ code: 'webhook_target_forbidden' });
  });
});
