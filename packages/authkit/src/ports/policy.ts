import type { PolicyDecision, PolicyInput } from '../domain/policy.js';

/**
 * Answers "may this subject do this action on this resource?" (DESIGN §10). Async so an engine
 * backed by a service (OPA, Cedar) fits the same port as the local rules.
 */
export interface PolicyEnginePort {
  evaluate(input: PolicyInput): Promise<PolicyDecision>;
}
