-- Funnel facts name an entry's segment by a new id: a 64-bit hash of each segment field's length and
-- text (db/queries/funnel/personEvents.ts segmentIdSql), computed per event in the engine's statement,
-- instead of a hash of the nine texts sent as JSON with every event of a build. Fact sets built with
-- the old ids are rebuilt on their next view (the engine answers meanwhile); the old segments go.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';--> statement-breakpoint
UPDATE "funnel_fact_sets" SET "built_at" = NULL;--> statement-breakpoint
DELETE FROM "funnel_segments";
