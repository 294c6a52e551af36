ALTER TABLE "projects" ADD COLUMN "allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "accept_without_origin" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "ingest_stats" ADD COLUMN "origins_refused" integer DEFAULT 0 NOT NULL;