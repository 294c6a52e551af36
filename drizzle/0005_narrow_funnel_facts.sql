DROP TABLE "funnel_fact_state" CASCADE;--> statement-breakpoint
DROP TABLE "funnel_facts" CASCADE;--> statement-breakpoint
CREATE TABLE "funnel_fact_rows" (
	"project_id" uuid NOT NULL,
	"facts_id" integer NOT NULL,
	"day" date NOT NULL,
	"person_id" text NOT NULL,
	"segment_id" bigint NOT NULL,
	"level" smallint NOT NULL,
	"solo" smallint NOT NULL,
	"gap_source" smallint,
	"gap_medium" smallint,
	"gap_campaign" smallint,
	"gap_referrer" smallint,
	"gap_device" smallint,
	"gap_browser" smallint,
	"gap_os" smallint,
	"gap_country" smallint,
	"gap_region" smallint,
	"gap_person" smallint,
	"d2" bigint,
	"d3" bigint,
	"d4" bigint,
	"d5" bigint,
	"d6" bigint,
	"d7" bigint,
	"d8" bigint,
	"d9" bigint,
	"d10" bigint
);
--> statement-breakpoint
CREATE TABLE "funnel_fact_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funnel_fact_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" uuid NOT NULL,
	"funnel_key" text NOT NULL,
	"applied_until" timestamp with time zone,
	"built_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "funnel_segments" (
	"project_id" uuid NOT NULL,
	"id" bigint NOT NULL,
	"referrer_domain" text,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"device" text,
	"browser" text,
	"os" text,
	"country" text,
	"region" text,
	CONSTRAINT "funnel_segments_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
ALTER TABLE "funnel_fact_rows" ADD CONSTRAINT "funnel_fact_rows_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" ADD CONSTRAINT "funnel_fact_sets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_segments" ADD CONSTRAINT "funnel_segments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funnel_fact_rows_day_idx" ON "funnel_fact_rows" USING btree ("project_id","facts_id","day");--> statement-breakpoint
CREATE INDEX "funnel_fact_rows_person_idx" ON "funnel_fact_rows" USING btree ("project_id","facts_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funnel_fact_sets_key_idx" ON "funnel_fact_sets" USING btree ("project_id","funnel_key");