CREATE TABLE "workload_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"issuer" text NOT NULL,
	"audience" text NOT NULL,
	"subject" text,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scopes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"token_ttl_seconds" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "workload_policies" ADD CONSTRAINT "workload_policies_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workload_policies_issuer_idx" ON "workload_policies" USING btree ("issuer") WHERE enabled;--> statement-breakpoint
CREATE INDEX "workload_policies_org_idx" ON "workload_policies" USING btree ("org_id","created_at","id");--> statement-breakpoint
-- Tenant isolation, as for every org-scoped table (0004): enforced when RLS is switched on.
CREATE POLICY "workload_policies_tenant_isolation" ON "workload_policies" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
