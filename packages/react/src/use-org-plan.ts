'use client';
import type { ClientError, OrgEntitlements, Result } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { asClientError, dataState, type DataState } from './data/core.js';
import { orgPlanMutations, orgPlanQueries } from './data/org-plan-resources.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useOrgGate } from './use-org-gate.js';

export interface UseOrgPlanResult {
  /** `empty` without an org; `forbidden` when signed out, without `org:read`, or refused. */
  state: DataState;
  orgId: string | null;
  /** The org's plan (null: none), its features and limits; overrides for those who manage them. */
  entitlements: OrgEntitlements | null;
  /** The org's labels (`key:value`), sorted. */
  labels: string[];
  /** Loading the plan or the labels failed. */
  error: ClientError | null;
  reload(): Promise<void>;
  /** Whether the caller holds `labels:manage` (may replace the labels). */
  canEditLabels: boolean;
  /** Replaces the org's labels; a bad one is a 400 naming `labels.N`. */
  setLabels(labels: string[]): Promise<Result<string[]>>;
  savingLabels: boolean;
}

const noOrg: { ok: false; error: ClientError } = {
  ok: false,
  error: { code: 'invalid_request', status: 400, message: 'no organization selected' },
};
const NO_LABELS: string[] = [];

/** An org's plan, entitlements and labels (the active org unless `orgId`). */
export function useOrgPlan(orgId?: string | null): UseOrgPlanResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const gate = useOrgGate(orgId, 'org:read');
  const { scope, permissions } = gate;
  const id = scope.orgId;
  const enabled = scope.ready && id !== null && gate.allowed;
  const entitlements = useQuery(
    { ...orgPlanQueries.entitlements.get(client, scope), enabled },
    queryClient,
  );
  const labels = useQuery({ ...orgPlanQueries.labels.get(client, scope), enabled }, queryClient);
  const saving = useAction(orgPlanMutations.labels.set(client));
  const error = asClientError(entitlements.error) ?? asClientError(labels.error);
  const { refetch: refetchEntitlements } = entitlements;
  const { refetch: refetchLabels } = labels;
  const { run } = saving;
  return {
    state: gate.state(dataState(entitlements.isPending || labels.isPending, error, 1)),
    orgId: id,
    entitlements: entitlements.data ?? null,
    labels: labels.data ?? NO_LABELS,
    error,
    reload: React.useCallback(async () => {
      await Promise.all([refetchEntitlements(), refetchLabels()]);
    }, [refetchEntitlements, refetchLabels]),
    canEditLabels: permissions.can('labels:manage'),
    setLabels: React.useCallback(
      (next) => (id === null ? Promise.resolve(noOrg) : run({ orgId: id, labels: next })),
      [id, run],
    ),
    savingLabels: saving.pending,
  };
}
