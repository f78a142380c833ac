/**
 * dryRun → plan → apply for the Authentik operator actions. An action reads the current state,
 * builds a list of steps (what it would create or change), and only runs them when not a dry
 * run. Steps compare desired fields with what Authentik holds, so a second run plans nothing.
 */

export type PlanValue =
  string | number | boolean | null | PlanValue[] | { [key: string]: PlanValue };

export type PlanKind =
  | 'proxy_provider'
  | 'oauth2_provider'
  | 'application'
  | 'outpost'
  | 'authenticator_validate_stage'
  | 'flow_stage_binding';

export interface PlanStep {
  action: 'create' | 'update' | 'none';
  kind: PlanKind;
  /** The object's name (slug for applications). */
  name: string;
  /** Each field that would change: `from` is `null` for a create. */
  changes: Record<string, { from: PlanValue; to: PlanValue }>;
}

export interface DoctorFinding {
  severity: 'error' | 'warning';
  /** `not_connected`, `version_outdated`, `unbound_provider`, `provider_without_application`. */
  check: string;
  subject: string;
  message: string;
}

export interface OperatorResult {
  action: string;
  dryRun: boolean;
  /** Whether steps were executed (false on a dry run or when nothing changes). */
  applied: boolean;
  /** Whether any step is a create or update. */
  changed: boolean;
  steps: PlanStep[];
  /** outpostDoctor only. */
  findings?: DoctorFinding[];
  /** Values Authentik assigned on apply (ids; an OIDC client secret only when just created). */
  outputs?: Record<string, string>;
}

export interface DryRunOption {
  /** Plan only (default `true`: an operator must ask for changes explicitly). */
  dryRun?: boolean | undefined;
}

/** A step plus what executes it; `run` fills `refs` with ids later steps need. */
export interface PlannedStep extends PlanStep {
  run?: (refs: Refs) => Promise<void>;
}

export type Refs = Record<string, string | number>;

/** Marks a value not known until an earlier step runs (a new object's id). */
export const pending = (kind: PlanKind, name: string): string => `<new ${kind} ${name}>`;

function normalize(value: PlanValue): string {
  return JSON.stringify(value);
}

/** The fields of `desired` that differ from `current` (arrays compare in order; sort before). */
export function diff(
  current: Record<string, PlanValue> | null,
  desired: Record<string, PlanValue>,
): Record<string, { from: PlanValue; to: PlanValue }> {
  const changes: Record<string, { from: PlanValue; to: PlanValue }> = {};
  for (const [field, to] of Object.entries(desired)) {
    const from = current ? (current[field] ?? null) : null;
    if (!current || normalize(from) !== normalize(to)) changes[field] = { from, to };
  }
  return changes;
}

/** A step comparing `current` with `desired`: create when absent, update when fields differ. */
export function step(
  kind: PlanKind,
  name: string,
  current: Record<string, PlanValue> | null,
  desired: Record<string, PlanValue>,
  run: { create: (refs: Refs) => Promise<void>; update: (refs: Refs) => Promise<void> },
): PlannedStep {
  const changes = diff(current, desired);
  if (!current) return { action: 'create', kind, name, changes, run: run.create };
  if (Object.keys(changes).length === 0) return { action: 'none', kind, name, changes };
  return { action: 'update', kind, name, changes, run: run.update };
}

/** Strips the executors so the plan is plain data (JSON-safe, printable). */
export async function finish(
  action: string,
  steps: PlannedStep[],
  options: DryRunOption,
  refs: Refs = {},
): Promise<OperatorResult> {
  const dryRun = options.dryRun ?? true;
  const changed = steps.some((s) => s.action !== 'none');
  if (!dryRun) {
    for (const s of steps) await s.run?.(refs);
  }
  return {
    action,
    dryRun,
    applied: !dryRun && changed,
    changed,
    steps: steps.map(({ run: _run, ...plain }) => plain),
  };
}
