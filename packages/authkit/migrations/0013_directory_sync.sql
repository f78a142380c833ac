CREATE TABLE "directory_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"provider" text NOT NULL,
	"base_url" text NOT NULL,
	"realm" text,
	"client_id" text,
	"credential_sealed" text NOT NULL,
	"default_role" text DEFAULT 'member' NOT NULL,
	"interval_minutes" integer,
	"deprovision" boolean DEFAULT true NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_run_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_status" text,
	"last_trigger" text,
	"last_error_code" text,
	"last_error_message" text,
	"last_stats" jsonb
);
--> statement-breakpoint
CREATE TABLE "directory_groups" (
	"org_id" text NOT NULL,
	"external_id" text NOT NULL,
	"group_id" text NOT NULL,
	CONSTRAINT "directory_groups_org_id_external_id_pk" PRIMARY KEY("org_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "directory_users" (
	"org_id" text NOT NULL,
	"external_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "directory_users_org_id_external_id_pk" PRIMARY KEY("org_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "directory_connections" ADD CONSTRAINT "directory_connections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_groups" ADD CONSTRAINT "directory_groups_org_id_group_id_groups_org_id_id_fk" FOREIGN KEY ("org_id","group_id") REFERENCES "public"."groups"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "directory_connections_org_unique" ON "directory_connections" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "directory_connections_due_idx" ON "directory_connections" USING btree ("next_run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_groups_org_group_idx" ON "directory_groups" USING btree ("org_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_users_org_user_idx" ON "directory_users" USING btree ("org_id","user_id");--> statement-breakpoint
-- Tenant isolation, as for every org-scoped table (0004): enforced when RLS is switched on.
CREATE POLICY "directory_connections_tenant_isolation" ON "directory_connections" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "directory_users_tenant_isolation" ON "directory_users" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "directory_groups_tenant_isolation" ON "directory_groups" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
