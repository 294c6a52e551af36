CREATE TABLE "funnel_fact_state" (
	"project_id" uuid NOT NULL,
	"funnel_key" text NOT NULL,
	"applied_until" timestamp with time zone NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funnel_fact_state_project_id_funnel_key_pk" PRIMARY KEY("project_id","funnel_key")
);
--> statement-breakpoint
CREATE TABLE "funnel_facts" (
	"project_id" uuid NOT NULL,
	"funnel_key" text NOT NULL,
	"day" date NOT NULL,
	"person_id" text NOT NULL,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"referrer_domain" text,
	"device" text,
	"browser" text,
	"os" text,
	"country" text,
	"region" text,
	"level" integer NOT NULL,
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
ALTER TABLE "persons" ADD COLUMN "changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "funnel_fact_state" ADD CONSTRAINT "funnel_fact_state_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_facts" ADD CONSTRAINT "funnel_facts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funnel_facts_day_idx" ON "funnel_facts" USING btree ("project_id","funnel_key","day");--> statement-breakpoint
CREATE INDEX "funnel_facts_person_idx" ON "funnel_facts" USING btree ("project_id","funnel_key","person_id");--> statement-breakpoint
CREATE INDEX "events_project_person_idx" ON "events" USING btree ("project_id","person_id");--> statement-breakpoint
CREATE INDEX "persons_project_changed_idx" ON "persons" USING btree ("project_id","changed_at");