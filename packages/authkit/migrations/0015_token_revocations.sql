CREATE TABLE "token_revocations" (
	"sid" text PRIMARY KEY NOT NULL,
	"revoked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "token_revocations_revoked_at_idx" ON "token_revocations" USING btree ("revoked_at");