-- Row-level security policies keyed on app.tenant_id (DESIGN §4, §10). They are inert until a
-- deployment switches RLS on (`rowLevelSecurity: true`), which enables and forces RLS on these
-- tables. A tenant-bound repository sets app.tenant_id for its transaction; code that is not bound
-- to one org (sign-in, my orgs, invitation lookup by token) leaves it unset and sees every row.
CREATE POLICY "orgs_tenant_isolation" ON "orgs" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR id = current_setting('app.tenant_id', true));
--> statement-breakpoint
CREATE POLICY "memberships_tenant_isolation" ON "memberships" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
CREATE POLICY "groups_tenant_isolation" ON "groups" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
CREATE POLICY "group_members_tenant_isolation" ON "group_members" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
CREATE POLICY "org_roles_tenant_isolation" ON "org_roles" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
CREATE POLICY "invitations_tenant_isolation" ON "invitations" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
CREATE POLICY "invite_links_tenant_isolation" ON "invite_links" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
CREATE POLICY "org_domains_tenant_isolation" ON "org_domains" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
CREATE POLICY "membership_requests_tenant_isolation" ON "membership_requests" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
CREATE POLICY "user_entitlements_tenant_isolation" ON "user_entitlements" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
