-- Funnel fact rows lose their foreign key to projects: a build's inserts checked it row by row (4.4 s
-- of CPU for a build's 1.9 million rows at 10.3 million events, about a twelfth of the build). A build
-- or refresh locks the project's row once instead (db/queries/funnel/factsUpkeep.ts writeFacts), and
-- deleting a project or its team deletes the rows itself, as it does events (db/events/delete.ts).
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';--> statement-breakpoint
ALTER TABLE "funnel_fact_rows" DROP CONSTRAINT IF EXISTS "funnel_fact_rows_project_id_projects_id_fk";
