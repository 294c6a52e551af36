CREATE TABLE "share_link_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"link_id" uuid NOT NULL
);
--> statement-breakpoint
INSERT INTO "share_link_tokens" ("token_hash", "project_id", "link_id") SELECT "token_hash", "project_id", "id" FROM "share_links";--> statement-breakpoint
DROP INDEX "share_links_token_key";--> statement-breakpoint
ALTER TABLE "funnel_fact_rows" ALTER COLUMN "facts_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" DROP CONSTRAINT "funnel_fact_sets_pkey";--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" ALTER COLUMN "id" SET MAXVALUE 9223372036854775807;--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" ADD CONSTRAINT "funnel_fact_sets_project_id_id_pk" PRIMARY KEY("project_id","id");--> statement-breakpoint
ALTER TABLE "share_link_tokens" ADD CONSTRAINT "share_link_tokens_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "share_links_token_key" ON "share_links" USING btree ("project_id","token_hash");