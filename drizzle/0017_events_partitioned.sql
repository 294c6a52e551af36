-- Hand-written (drizzle-kit does not know partitioned tables; its snapshot describes the result).
-- events becomes a table partitioned by month on "time", its rows moved with their ids; message-id
-- deduplication moves to event_messages (a partitioned table's unique keys must hold "time").
-- On a Citus cluster that already distributed events, its DDL must share one connection per node
-- (a placeholder setting elsewhere: PostgreSQL and PGlite ignore it).
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';--> statement-breakpoint
ALTER TABLE "events" RENAME TO "events_unpartitioned";--> statement-breakpoint
-- A sequence of its own name: the old table's identity sequence (events_id_seq) goes with it, and
-- Citus can neither drop a distributed table's identity nor be trusted to rename it on the workers.
CREATE SEQUENCE "public"."event_ids" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "events" (
	"project_id" uuid NOT NULL,
	"id" bigint DEFAULT nextval('event_ids') NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"person_id" text NOT NULL,
	"anonymous_id" text,
	"user_id" text,
	"path" text,
	"referrer_domain" text,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"device" text,
	"browser" text,
	"os" text,
	"country" text,
	"region" text,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"revenue" numeric(14, 2),
	"message_id" text NOT NULL,
	CONSTRAINT "events_project_id_id_time_pk" PRIMARY KEY("project_id","id","time")
) PARTITION BY RANGE ("time");--> statement-breakpoint
ALTER SEQUENCE "public"."event_ids" OWNED BY "events"."id";--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfills older than every month partition (and anything a missing month would have held) land here.
CREATE TABLE "events_default" PARTITION OF "events" DEFAULT;--> statement-breakpoint
-- A partition per UTC month, named as Citus's create_time_partitions names them, over every month a
-- project may keep (the longest retention chosen, at least the default 25 months, and one more) and
-- three months ahead, whether or not it holds events yet (a backfill of history finds its month).
-- Older rows go to the default partition. db/event-partitions.ts keeps making months ahead.
DO $$
DECLARE
	m timestamp := date_trunc('month', (now() - make_interval(months =>
		1 + greatest(25, coalesce((SELECT max("months") FROM "event_retention"), 25)))) AT TIME ZONE 'UTC');
	last timestamp := date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months';
BEGIN
	WHILE m <= last LOOP
		EXECUTE format('CREATE TABLE %I PARTITION OF "events" FOR VALUES FROM (%L) TO (%L)',
			'events_p' || to_char(m, 'YYYY_MM'), m::text || '+00', (m + interval '1 month')::text || '+00');
		m := m + interval '1 month';
	END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "events" SELECT "project_id", "id", "time", "received_at", "name", "person_id", "anonymous_id", "user_id", "path",
	"referrer_domain", "utm_source", "utm_medium", "utm_campaign", "device", "browser", "os", "country", "region", "properties",
	"revenue", "message_id" FROM "events_unpartitioned";--> statement-breakpoint
CREATE TABLE "event_messages" (
	"project_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	CONSTRAINT "event_messages_project_id_message_id_pk" PRIMARY KEY("project_id","message_id")
);
--> statement-breakpoint
INSERT INTO "event_messages" ("project_id", "message_id") SELECT "project_id", "message_id" FROM "events_unpartitioned";--> statement-breakpoint
ALTER TABLE "event_messages" ADD CONSTRAINT "event_messages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
SELECT setval('event_ids', coalesce((SELECT max("id") FROM "events"), 0) + 1, false);--> statement-breakpoint
DROP TABLE "events_unpartitioned";--> statement-breakpoint
CREATE INDEX "events_project_name_time_idx" ON "events" USING btree ("project_id","name","time");--> statement-breakpoint
CREATE INDEX "events_project_anon_idx" ON "events" USING btree ("project_id","anonymous_id");--> statement-breakpoint
CREATE INDEX "events_project_user_idx" ON "events" USING btree ("project_id","user_id") WHERE "events"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "events_project_time_idx" ON "events" USING btree ("project_id","time");--> statement-breakpoint
CREATE INDEX "events_project_person_idx" ON "events" USING btree ("project_id","person_id");
