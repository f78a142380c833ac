import { AuthkitError } from '../domain/errors.js';
import { grants, KNOWN_PERMISSIONS } from '../domain/permissions.js';
import {
  checkRequirement,
  subjectFromIdentity,
  type Requirement,
} from '../domain/policy-requirement.js';
import type { EffectiveIdentity } from '../domain/effective-identity.js';
import type { KeyOwner } from '../domain/api-keys.js';

export type ScopeSetting = string | { name: string; description?: string; require?: unknown };

export interface ScopeDefinition {
  name: string;
  description: string | null;
  /** Where the scope comes from: the app's `scopes` setting, or an org permission. */
  source: 'app' | 'permission';
  require: Requirement | null;
}

export interface ScopeOption extends ScopeDefinition {
  /** Whether the caller may put it on a key. */
  held: boolean;
}

/**
 * The scopes a key may carry and who holds them. App scopes (config) suit every key; org keys may
 * also carry org permissions, held by whoever holds that permission in the org.
 */
export class ScopeCatalog {
  private readonly app: ScopeDefinition[];

  constructor(settings: readonly ScopeSetting[]) {
    this.app = settings.map((s) =>
      typeof s === 'string'
        ? { name: s, description: null, source: 'app', require: null }
        : {
            name: s.name,
            description: s.description ?? null,
            source: 'app',
            require: (s.require as Requirement | undefined) ?? null,
          },
    );
  }

  known(owner: KeyOwner['type']): ScopeDefinition[] {
    const permissions: ScopeDefinition[] =
      owner === 'org'
        ? KNOWN_PERMISSIONS.filter((p) => !this.app.some((a) => a.name === p)).map((p) => ({
            name: p,
            description: null,
            source: 'permission',
            require: null,
          }))
        : [];
    return [...this.app, ...permissions];
  }

  /** Every scope for this owner type, marked with whether `identity` holds it. */
  options(owner: KeyOwner['type'], identity: EffectiveIdentity): ScopeOption[] {
    const subject = subjectFromIdentity(identity);
    return this.known(owner).map((scope) => ({
      ...scope,
      held:
        scope.source === 'permission'
          ? grants(identity.permissions, scope.name)
          : scope.require === null || checkRequirement(subject, scope.require).allow,
    }));
  }

  /**
   * Refuses unknown scopes (400, naming the index) and scopes the creator does not hold (403):
   * a key can never do more than the person who made it.
   */
  requireHeld(
    owner: KeyOwner['type'],
    identity: EffectiveIdentity,
    scopes: readonly string[],
    field = 'scopes',
  ): string[] {
    const options = new Map(this.options(owner, identity).map((o) => [o.name, o] as const));
    scopes.forEach((scope, index) => {
      const option = options.get(scope);
      if (!option) {
        throw new AuthkitError('unknown_scope', `unknown scope "${scope}"`, {
          field: `${field}.${index}`,
        });
      }
      if (!option.held) {
        throw new AuthkitError('scope_not_held', `you do not hold the scope "${scope}"`, {
          field: `${field}.${index}`,
        });
      }
    });
    return [...new Set(scopes)].sort();
  }
}
