ALTER TABLE "funnel_fact_rows" ALTER COLUMN "facts_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" DROP CONSTRAINT "funnel_fact_sets_pkey";--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" ALTER COLUMN "id" SET MAXVALUE 9223372036854775807;--> statement-breakpoint
ALTER TABLE "funnel_fact_sets" ADD CONSTRAINT "funnel_fact_sets_project_id_id_pk" PRIMARY KEY("project_id","id");--> statement-breakpoint
ALTER TABLE "funnels" ADD COLUMN "rules" jsonb DEFAULT '{}'::jsonb NOT NULL;