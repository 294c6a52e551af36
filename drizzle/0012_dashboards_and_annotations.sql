CREATE TABLE "annotations" (
	"project_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annotations_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "dashboard_share_links" (
	"project_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dashboard_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"label" text,
	"fixed_from" timestamp with time zone,
	"fixed_to" timestamp with time zone,
	"rolling_days" integer,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"password_hash" text,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_opened_at" timestamp with time zone,
	"colour" text,
	"logo" "bytea",
	"logo_type" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_share_links_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "dashboard_tiles" (
	"project_id" uuid NOT NULL,
	"dashboard_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"width" integer DEFAULT 1 NOT NULL,
	"height" integer DEFAULT 1 NOT NULL,
	"funnel_id" uuid,
	"goal_id" uuid,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_tiles_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "dashboards" (
	"project_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboards_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_share_links" ADD CONSTRAINT "dashboard_share_links_project_id_dashboard_id_dashboards_project_id_id_fk" FOREIGN KEY ("project_id","dashboard_id") REFERENCES "public"."dashboards"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_tiles" ADD CONSTRAINT "dashboard_tiles_project_id_dashboard_id_dashboards_project_id_id_fk" FOREIGN KEY ("project_id","dashboard_id") REFERENCES "public"."dashboards"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_tiles" ADD CONSTRAINT "dashboard_tiles_project_id_funnel_id_funnels_project_id_id_fk" FOREIGN KEY ("project_id","funnel_id") REFERENCES "public"."funnels"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_tiles" ADD CONSTRAINT "dashboard_tiles_project_id_goal_id_goals_project_id_id_fk" FOREIGN KEY ("project_id","goal_id") REFERENCES "public"."goals"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annotations_project_day_idx" ON "annotations" USING btree ("project_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "dashboard_share_links_token_key" ON "dashboard_share_links" USING btree ("project_id","token_hash");--> statement-breakpoint
CREATE INDEX "dashboard_share_links_token_idx" ON "dashboard_share_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "dashboard_tiles_dashboard_idx" ON "dashboard_tiles" USING btree ("project_id","dashboard_id","position");