CREATE TABLE "event_retention" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"months" smallint DEFAULT 25 NOT NULL,
	"checked_at" timestamp with time zone,
	"horizon" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "person_deletions" (
	"project_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "person_deletions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"requested_id" text NOT NULL,
	"actor_user_id" uuid,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"counts" jsonb NOT NULL,
	CONSTRAINT "person_deletions_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
ALTER TABLE "event_retention" ADD CONSTRAINT "event_retention_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_deletions" ADD CONSTRAINT "person_deletions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_deletions_project_time_idx" ON "person_deletions" USING btree ("project_id","deleted_at");--> statement-breakpoint
CREATE INDEX "persons_project_last_seen_idx" ON "persons" USING btree ("project_id","last_seen");