import { describe, expect, it } from 'vitest';
import {
  attemptOutcome,
  filterMatches,
  isEventFilter,
  parseRetryAfter,
  RETRY_SCHEDULE_MS,
} from './webhooks.js';

const now = new Date('2026-12-05T12:00:00Z');

describe('webhook filters', () => {
  it('accepts known types, family wildcards and *; refuses the rest', () => {
    for (const ok of ['org.created', 'org.*', '*', 'audit.event', 'auth.*']) {
      expect(isEventFilter(ok)).toBe(true);
    }
    for (const bad of ['org.exploded', 'nope.*', 'org.**', '', 'org', '*.*', 'webhook.test']) {
      expect(isEventFilter(bad)).toBe(false);
    }
  });

  it('matches a type by itself, its family and *', () => {
    expect(filterMatches(['org.*'], 'org.deleted')).toBe(true);
    expect(filterMatches(['key.issued'], 'key.revoked')).toBe(false);
    expect(filterMatches(['*'], 'membership.added')).toBe(true);
    expect(filterMatches([], 'org.created')).toBe(false);
  });
});

describe('attempt outcomes', () => {
  const mid = () => 0.5;
  it('follows the schedule after each failure, then dead-letters', () => {
    const delays = [];
    for (let attempts = 1; attempts < RETRY_SCHEDULE_MS.length; attempts += 1) {
      const out = attemptOutcome({ attempts, status: 500, retryAfterMs: null, now, random: mid });
      expect(out.kind).toBe('retry');
      if (out.kind === 'retry') delays.push(out.at.getTime() - now.getTime());
    }
    expect(delays).toEqual(RETRY_SCHEDULE_MS.slice(1));
    const last = attemptOutcome({ attempts: 8, status: 500, retryAfterMs: null, now });
    expect(last.kind).toBe('dead');
  });

  it('jitters within ±10 %', () => {
    const low = attemptOutcome({
      attempts: 2,
      status: null,
      retryAfterMs: null,
      now,
      random: () => 0,
    });
    const high = attemptOutcome({
      attempts: 2,
      status: null,
      retryAfterMs: null,
      now,
      random: () => 1,
    });
    expect(low.kind === 'retry' && low.at.getTime() - now.getTime()).toBe(270_000);
    expect(high.kind === 'retry' && high.at.getTime() - now.getTime()).toBe(330_000);
  });

  it('honours a later Retry-After on 429 and 503 only, capped at a day', () => {
    const r429 = attemptOutcome({
      attempts: 1,
      status: 429,
      retryAfterMs: 60_000,
      now,
      random: mid,
    });
    expect(r429.kind === 'retry' && r429.at.getTime() - now.getTime()).toBe(60_000);
    const r500 = attemptOutcome({
      attempts: 1,
      status: 500,
      retryAfterMs: 60_000,
      now,
      random: mid,
    });
    expect(r500.kind === 'retry' && r500.at.getTime() - now.getTime()).toBe(5_000);
    const huge = attemptOutcome({ attempts: 1, status: 503, retryAfterMs: 9e9, now, random: mid });
    expect(huge.kind === 'retry' && huge.at.getTime() - now.getTime()).toBe(86_400_000);
  });

  it('treats 2xx as delivered and 410 as gone', () => {
    expect(attemptOutcome({ attempts: 1, status: 204, retryAfterMs: null, now }).kind).toBe(
      'delivered',
    );
    expect(attemptOutcome({ attempts: 3, status: 410, retryAfterMs: null, now }).kind).toBe('gone');
    expect(attemptOutcome({ attempts: 1, status: 301, retryAfterMs: null, now }).kind).toBe(
      'retry',
    );
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now.getTime() + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
