import { pgTable, text, timestamp, uuid, index, uniqueIndex, jsonb, boolean } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { teams, users } from "./accounts";
import { SECTORS } from "../../lib/sectors";

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    siteUrl: text("site_url"),
    sector: text("sector", { enum: SECTORS }).notNull(),
    timeZone: text("time_zone").notNull().default("Europe/Amsterdam"),
    // The write key must be shown again (snippet), so it is kept encrypted; lookups use its hash.
    writeKeyHash: text("write_key_hash").notNull(),
    writeKeyEnc: text("write_key_enc").notNull(),
    // The read key is shown once; only its hash and a recognisable prefix are kept.
    readKeyHash: text("read_key_hash").notNull(),
    readKeyPrefix: text("read_key_prefix").notNull(),
    // The sites whose pages may send events with the write key (lib/ingest/origin.ts): normalised
    // origins, `https://*.example.nl` for any subdomain. Empty: every origin may send.
    allowedOrigins: text("allowed_origins")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Whether a request with neither Origin nor Referer (a server-side library, curl) is accepted.
    acceptWithoutOrigin: boolean("accept_without_origin").notNull().default(true),
    // A site that switches from Plausible or Umami by changing only its script's src: its events
    // name the site domain (Plausible) or the Umami website id, which find the project. Each is
    // claimed by one project at most (server/ingest/dropin.ts).
    plausibleDomain: text("plausible_domain"),
    umamiWebsiteId: uuid("umami_website_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("projects_team_idx").on(t.teamId, t.createdAt),
    uniqueIndex("projects_write_key_key").on(t.writeKeyHash),
    uniqueIndex("projects_read_key_key").on(t.readKeyHash),
    uniqueIndex("projects_plausible_domain_key").on(t.plausibleDomain),
    uniqueIndex("projects_umami_website_key").on(t.umamiWebsiteId),
  ],
);

/** A half-finished onboarding: kept per user and team so the flow can be resumed. */
export const onboardingDrafts = pgTable(
  "onboarding_drafts",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    data: jsonb("data").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("onboarding_drafts_key").on(t.teamId, t.userId)],
);
