'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { lazyContext } from './form-kit.js';
import { useLocale } from './localization.js';
import type { OrgPlanPanelWords } from './org-admin-words.js';
import type { UseOrgPlanResult } from './use-org-plan.js';

/** The read-only parts of `<OrgPlanPanel>`: plan, features, limits, overrides (titled groups). */

export interface PlanContext extends UseOrgPlanResult {
  id: string;
  words: OrgPlanPanelWords;
  /** The labels were just saved (announced). */
  saved: boolean;
  /** Saves `labels`: the outcome is announced, a failure lands on the label form. */
  save(labels: string[]): Promise<boolean>;
  saveError: ClientError | null;
}

export const panel = lazyContext<PlanContext>('OrgPlanPanel');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

/** A titled block (`role="group"` named by its title); rendered once the plan is loaded. */
export function Section({
  part,
  catalyst,
  title,
  children,
  ...props
}: DivProps & { part: string; catalyst: string; title: string }) {
  const ctx = panel.use(part);
  if (ctx.state !== 'ready') return null;
  const titleId = `${ctx.id}-${catalyst}`;
  return (
    <Primitive.div role="group" aria-labelledby={titleId} data-catalyst={catalyst} {...props}>
      <p id={titleId} data-catalyst="org-plan-title">
        {title}
      </p>
      {children}
    </Primitive.div>
  );
}

/** The plan's name (`data-plan`), or "No plan". */
export function Plan(props: DivProps) {
  const ctx = panel.use('Plan');
  const plan = ctx.entitlements?.plan ?? null;
  return (
    <Section part="Plan" catalyst="org-plan-name" title={ctx.words.plan} {...props}>
      <strong data-plan={plan ?? undefined}>{plan ?? ctx.words.noPlan}</strong>
    </Section>
  );
}

/** The features the plan entitles the org to. */
export function Features(props: DivProps) {
  const ctx = panel.use('Features');
  const features = ctx.entitlements?.entitlements.features ?? [];
  return (
    <Section part="Features" catalyst="org-plan-features" title={ctx.words.features} {...props}>
      {features.length === 0 ? (
        <p data-catalyst="org-plan-none">{ctx.words.noFeatures}</p>
      ) : (
        <ul>
          {features.map((feature) => (
            <li key={feature} data-catalyst="org-plan-feature" data-feature={feature}>
              <code>{feature}</code>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The plan's limits, as numbers in the provider's locale. */
export function Limits(props: DivProps) {
  const ctx = panel.use('Limits');
  const limits = Object.entries(ctx.entitlements?.entitlements.limits ?? {});
  const number = new Intl.NumberFormat(useLocale());
  return (
    <Section part="Limits" catalyst="org-plan-limits" title={ctx.words.limits} {...props}>
      {limits.length === 0 ? (
        <p data-catalyst="org-plan-none">{ctx.words.noLimits}</p>
      ) : (
        <dl>
          {limits.map(([name, value]) => (
            <React.Fragment key={name}>
              <dt>
                <code>{name}</code>
              </dt>
              <dd data-catalyst="org-plan-limit" data-limit={name}>
                {number.format(value)}
              </dd>
            </React.Fragment>
          ))}
        </dl>
      )}
    </Section>
  );
}

/** Per-member overrides (only answered to those holding `entitlements:manage`); none: nothing. */
export function Overrides(props: DivProps) {
  const ctx = panel.use('Overrides');
  const overrides = ctx.entitlements?.overrides ?? [];
  if (overrides.length === 0) return null;
  return (
    <Section part="Overrides" catalyst="org-plan-overrides" title={ctx.words.overrides} {...props}>
      <ul>
        {overrides.map((o) => (
          <li key={o.userId} data-catalyst="org-plan-override" data-user-id={o.userId}>
            <code>{o.userId}</code> {o.features.join(', ')}{' '}
            {Object.entries(o.limits)
              .map(([name, value]) => `${name}=${value}`)
              .join(', ')}
          </li>
        ))}
      </ul>
    </Section>
  );
}
