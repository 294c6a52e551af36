CREATE TABLE "visitor_salts" (
	"day" date PRIMARY KEY NOT NULL,
	"salt" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "plausible_domain" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "umami_website_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_plausible_domain_key" ON "projects" USING btree ("plausible_domain");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_umami_website_key" ON "projects" USING btree ("umami_website_id");