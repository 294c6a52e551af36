import {
  pgTable,
  text,
  timestamp,
  uuid,
  jsonb,
  integer,
  primaryKey,
  index,
  uniqueIndex,
  date,
  foreignKey,
  customType,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { funnels, goals } from "./reports";
import type { SegmentFilters } from "../../lib/funnel/types";
import { TILE_KINDS, LOGO_TYPES, type TileSettings } from "../../lib/dashboards/types";

/** Raw bytes (a client logo): PostgreSQL bytea, a Uint8Array in TypeScript. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * A dashboard: tiles an admin composed for one project (often for one client). Every key and
 * foreign key leads with project_id (issue #21: the tables distribute by project).
 */
export const dashboards = pgTable(
  "dashboards",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] })],
);

/**
 * One tile of a dashboard, at `position` (0 first) on a grid of three columns: `width` columns
 * (1–3) and `height` rows (1–2). A funnel or goal tile names its funnel or goal by a foreign key,
 * so deleting the funnel or goal removes its tiles; the rest of the tile's settings are in `settings`.
 */
export const dashboardTiles = pgTable(
  "dashboard_tiles",
  {
    projectId: uuid("project_id").notNull(),
    dashboardId: uuid("dashboard_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    kind: text("kind", { enum: TILE_KINDS }).notNull(),
    position: integer("position").notNull(),
    width: integer("width").notNull().default(1),
    height: integer("height").notNull().default(1),
    funnelId: uuid("funnel_id"),
    goalId: uuid("goal_id"),
    settings: jsonb("settings").$type<TileSettings>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    index("dashboard_tiles_dashboard_idx").on(t.projectId, t.dashboardId, t.position),
    foreignKey({ columns: [t.projectId, t.dashboardId], foreignColumns: [dashboards.projectId, dashboards.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.projectId, t.funnelId], foreignColumns: [funnels.projectId, funnels.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.projectId, t.goalId], foreignColumns: [goals.projectId, goals.id] }).onDelete("cascade"),
  ],
);

/**
 * A read-only link to one dashboard: the same terms as a report's share link (db/share.ts: a
 * 256-bit token kept as its hash, an optional password, expiry, revocation, a period and locked
 * filters), plus the client's logo and colour. A visitor's token is found as a report's is: its
 * hash in share_link_tokens (a reference table on Citus) names the project and the link, which is
 * then read on its project's shard; the unique key here includes project_id (issue #21).
 */
export const dashboardShareLinks = pgTable(
  "dashboard_share_links",
  {
    projectId: uuid("project_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    dashboardId: uuid("dashboard_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    label: text("label"),
    fixedFrom: timestamp("fixed_from", { withTimezone: true }),
    fixedTo: timestamp("fixed_to", { withTimezone: true }),
    rollingDays: integer("rolling_days"),
    filters: jsonb("filters").$type<SegmentFilters>().notNull().default({}),
    passwordHash: text("password_hash"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true }),
    /** the client's colour, #rrggbb, at least 4.5:1 against white text (lib/dashboards/colour.ts) */
    colour: text("colour"),
    logo: bytea("logo"),
    logoType: text("logo_type", { enum: LOGO_TYPES }),
    // No foreign key to users: every foreign key of a tenant table includes project_id (issue #21).
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    uniqueIndex("dashboard_share_links_token_key").on(t.projectId, t.tokenHash),
    foreignKey({ columns: [t.projectId, t.dashboardId], foreignColumns: [dashboards.projectId, dashboards.id] }).onDelete("cascade"),
  ],
);

/** A note on a day or a run of days of the project's calendar ("campagne live"), drawn on its trend charts. */
export const annotations = pgTable(
  "annotations",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    /** first and last day, both included, in the project's time zone */
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    note: text("note").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] }), index("annotations_project_day_idx").on(t.projectId, t.startsOn)],
);
