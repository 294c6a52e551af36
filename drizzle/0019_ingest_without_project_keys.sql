-- Ingestion at #18's rate: events and event_messages lose their foreign key to projects (the key
-- check share-locked the project's row for every batch, a multixact under concurrency); deleteProject
-- and deleteAccount delete a project's events themselves. persons loses its last_seen index and
-- ingestion no longer stamps changed_at for new events, so updating a known person changes no indexed
-- column and is done in place (HOT), helped by free room in each page (fillfactor). Funnel facts find
-- new events by id from now on (applied_event_id): sets built before have none and are rebuilt.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';--> statement-breakpoint
ALTER TABLE "event_messages" DROP CONSTRAINT "event_messages_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_project_id_projects_id_fk";--> statement-breakpoint
DROP INDEX "persons_project_last_seen_idx";--> statement-breakpoint
ALTER TABLE "persons" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" ADD COLUMN "applied_event_id" bigint;--> statement-breakpoint
UPDATE "funnel_fact_sets" SET "built_at" = NULL;
