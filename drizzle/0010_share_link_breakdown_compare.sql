ALTER TABLE "share_links" ADD COLUMN "breakdown" text;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "compare" boolean DEFAULT false NOT NULL;