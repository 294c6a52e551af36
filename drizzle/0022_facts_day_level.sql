-- Funnel fact rows carry their person's level of the day (day_level, over all the person's rows of
-- that day) and the day's optional steps (day_opt), so that a daily trend counts each person's first
-- row of a day as it is instead of combining the day's rows per person (db/queries/funnel/factsCounts.ts
-- dayTrendCounts). Fact sets built without them are rebuilt on their next view (the engine answers
-- meanwhile).
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';--> statement-breakpoint
ALTER TABLE "funnel_fact_rows" ADD COLUMN "day_level" smallint;--> statement-breakpoint
ALTER TABLE "funnel_fact_rows" ADD COLUMN "day_opt" integer;--> statement-breakpoint
UPDATE "funnel_fact_sets" SET "built_at" = NULL;
