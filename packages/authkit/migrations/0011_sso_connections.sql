CREATE TABLE "sso_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_sealed" text,
	"scopes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_role" text DEFAULT 'member' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sso_connections_org_unique" ON "sso_connections" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "sso_connections_issuer_idx" ON "sso_connections" USING btree ("issuer");--> statement-breakpoint
-- Tenant isolation, as for every org-scoped table (0004): enforced when RLS is switched on.
CREATE POLICY "sso_connections_tenant_isolation" ON "sso_connections" USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true)) WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR org_id = current_setting('app.tenant_id', true));
