import { decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import type { ExchangedToken } from '../domain/api-keys.js';
import { scopeCovered } from '../domain/api-keys.js';
import { permissionsOf } from '../domain/roles.js';
import { policyMatches, type WorkloadClaims } from '../domain/workload-trust.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiterFactory, RateLimiterPort, RateLimitRule } from '../ports/rate-limit.js';
import { LastUsedWriter } from './last-used-writer.js';
import type { StorePort } from '../ports/store.js';
import type { WorkloadPolicyRecord } from '../ports/workload-store.js';
import { mintAccessToken, type ActiveSigningKey } from '../tokens/access-token.js';
import { recordEvent } from './event-recorder.js';
import { ExchangeError } from './key-exchange.js';
import { IssuerUnavailable, type WorkloadKeys } from './workload-keys.js';

export interface WorkloadExchangeOptions {
  issuer: string;
  audience: string;
  audiences: readonly string[];
  /** Issuers a policy may trust (`workloadIssuers`). */
  trustedIssuers: readonly string[];
  ttlSeconds: number;
  perPolicy: RateLimitRule;
}

/** Algorithms an upstream issuer may sign with (GitHub: RS256); never `none` or HMAC. */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

const invalid = (message: string, reason: 'invalid' | 'expired' = 'invalid') =>
  new ExchangeError('invalid_grant', reason, message);

/**
 * RFC 8693 exchange of a workload's JWT (a GitHub Actions OIDC token, or any trusted issuer's)
 * for an access token of the org whose trust policy it matches. The upstream token is verified
 * against its issuer's published keys; each is exchanged once (its `jti`).
 */
export class WorkloadExchange {
  private readonly lastUsed: LastUsedWriter;
  private readonly perPolicy: RateLimiterPort;
  private readonly seen: RateLimiterPort;

  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly keys: WorkloadKeys,
    private readonly signingKey: () => Promise<ActiveSigningKey>,
    rateLimiter: RateLimiterFactory,
    private readonly options: WorkloadExchangeOptions,
  ) {
    this.perPolicy = rateLimiter('exchange:workload', options.perPolicy);
    this.lastUsed = new LastUsedWriter((entries) => this.store.workloadPolicies.touch(entries));
    // One point per token id for a day: a limiter, because it is atomic on a shared store too.
    this.seen = rateLimiter('exchange:workload-jti', { points: 1, durationSeconds: 24 * 3600 });
  }

  async exchange(
    token: string,
    request: {
      scope?: string | undefined;
      audience?: string | undefined;
      clientId?: string | undefined;
    },
  ): Promise<ExchangedToken> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw invalid('the subject_token is not a JWT');
    }
    const issuer = unverified.iss;
    if (typeof issuer !== 'string' || !this.options.trustedIssuers.includes(issuer)) {
      throw invalid('tokens from that issuer are not trusted here');
    }
    const policies = (await this.store.workloadPolicies.forIssuer(issuer)).filter(
      (p) => request.clientId === undefined || p.id === request.clientId,
    );
    if (policies.length === 0) throw invalid('no trust policy accepts tokens from that issuer');

    const claims = await this.verify(token, issuer);
    const matching = policies.filter((p) => policyMatches(p, claims));
    if (matching.length === 0) throw invalid('no trust policy matches the token');
    // Two orgs trusting the same workload: the caller names one (client_id = the policy id).
    if (matching.length > 1) {
      throw invalid('more than one trust policy matches; pass client_id (a policy id) to choose');
    }
    const policy = matching[0]!;

    const audience = request.audience ?? this.options.audience;
    if (audience !== this.options.audience && !this.options.audiences.includes(audience)) {
      throw new ExchangeError('invalid_target', null, 'that audience is not served here');
    }
    const requested = request.scope?.split(' ').filter(Boolean);
    const scopes = requested ? [...new Set(requested)].sort() : policy.scopes;
    const extra = scopes.filter((s) => !scopeCovered(policy.scopes, s));
    if (extra.length > 0) {
      throw new ExchangeError(
        'invalid_scope',
        null,
        `the policy does not grant: ${extra.join(' ')}`,
      );
    }

    const limit = await this.perPolicy.consume(policy.id);
    if (!limit.allowed) {
      throw new ExchangeError(
        'invalid_grant',
        'rate_limited',
        'too many exchanges for this trust policy',
        limit.retryAfterSeconds,
      );
    }
    // Checked last, so a refused exchange does not use up the token.
    if (typeof claims.jti === 'string') {
      const first = await this.seen.consume(`${issuer} ${claims.jti}`);
      if (!first.allowed) throw invalid('this token has already been exchanged');
    }
    const now = this.clock.now();
    this.lastUsed.note(policy.id, now);
    const minted = await this.mint(policy, claims, scopes, audience, now);
    await this.audit(policy, claims, scopes);
    return minted;
  }

  /** Signature, issuer, lifetime and algorithm; an unreachable issuer is a 502, not a 400. */
  private async verify(token: string, issuer: string): Promise<WorkloadClaims> {
    const keys = await this.keys.keysFor(issuer);
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'iat', 'sub'],
        currentDate: this.clock.now(),
        clockTolerance: 30,
        maxTokenAge: '1h',
      });
      return payload as WorkloadClaims;
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw invalid('the subject_token has expired', 'expired');
      if (error instanceof errors.JWKSTimeout || error instanceof TypeError) {
        this.keys.forget(issuer);
        throw new IssuerUnavailable(`${new URL(issuer).host} did not serve its keys`);
      }
      if (error instanceof errors.JOSEError) throw invalid('the subject_token is not valid');
      throw error;
    }
  }

  private async mint(
    policy: WorkloadPolicyRecord & { plan: string | null },
    claims: WorkloadClaims,
    scopes: string[],
    audience: string,
    now: Date,
  ): Promise<ExchangedToken> {
    const upstreamExp = typeof claims.exp === 'number' ? claims.exp - now.getTime() / 1000 : 0;
    const ttl = Math.max(
      1,
      Math.floor(
        Math.min(this.options.ttlSeconds, policy.tokenTtlSeconds ?? Infinity, upstreamExp),
      ),
    );
    const custom =
      policy.roles.length > 0 ? await this.store.orgs.scoped(policy.orgId).roles.list() : [];
    const token = await mintAccessToken(
      {
        sub: policy.orgId,
        sid: policy.id,
        client_id: policy.id,
        org: policy.orgId,
        groups: [],
        labels: [],
        roles: policy.roles,
        permissions: permissionsOf(
          policy.roles,
          new Map(custom.map((r) => [r.name, r.permissions])),
        ),
        plan: policy.plan,
        ent: [],
        scopes,
        amr: ['workload'],
        // Who really called (RFC 8693 §4.1): the workload, named by its issuer and subject.
        act: { sub: String(claims.sub), iss: String(claims.iss) },
      },
      await this.signingKey(),
      { issuer: this.options.issuer, audience, ttlSeconds: ttl, now },
    );
    return {
      access_token: token,
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      expires_in: ttl,
      scope: scopes.join(' '),
    };
  }

  /** Each exchange is the org's business: which workload got what (never the token itself). */
  private audit(policy: WorkloadPolicyRecord, claims: WorkloadClaims, scopes: string[]) {
    const pick = (name: string) =>
      typeof claims[name] === 'string' ? String(claims[name]).slice(0, 300) : undefined;
    return recordEvent(this.store, this.clock, {
      action: 'workload.token_issued',
      actorType: 'workload',
      actorId: pick('sub') ?? null,
      targetType: 'workload_policy',
      targetId: policy.id,
      orgId: policy.orgId,
      data: {
        issuer: pick('iss'),
        subject: pick('sub'),
        repository: pick('repository'),
        ref: pick('ref'),
        environment: pick('environment'),
        runId: pick('run_id'),
        scopes,
      },
    });
  }

  /** Writes the collected `lastUsedAt` values. */
  flush(): Promise<void> {
    return this.lastUsed.flush();
  }

  close(): Promise<void> {
    return this.lastUsed.close();
  }
}
