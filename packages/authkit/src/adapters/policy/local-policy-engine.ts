import { compilePolicy, type PolicyRule } from '../../domain/policy.js';
import type { PolicyEnginePort } from '../../ports/policy.js';

/**
 * The in-process engine over a rule list (the `policies` config option). Rules are validated and
 * their globs compiled here, once: a malformed rule file throws `invalid_config` at startup,
 * naming the field, instead of denying (or allowing) requests later.
 */
export function createLocalPolicyEngine(rules: readonly PolicyRule[]): PolicyEnginePort {
  const policy = compilePolicy(rules);
  return {
    evaluate: async (input) => policy.evaluate(input),
  };
}
