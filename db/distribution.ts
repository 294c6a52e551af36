import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";

/**
 * How each table lives on a Citus cluster (README "Running on Citus"). One PostgreSQL and PGlite
 * ignore it, but db/schema-rules.test.ts holds every table of every database to it, so a new table
 * must be placed here before it lands.
 *
 * - distributed: tenant data, spread over shards by `project_id` and co-located, so that all of one
 *   project's rows of every table sit on the same node and its statements touch one shard;
 * - reference: small tables that must be found without a project id (a user by e-mail, a project by
 *   its write key, a share token, the projects whose retention is due), copied to every node so that
 *   a join with a tenant table stays on the tenant's node;
 * - local: kept on the coordinator only; written on every sign-in attempt, never joined.
 */
export const TABLE_PLACEMENT = {
  distributed: [
    "events",
    "event_messages",
    "persons",
    "identity_links",
    "ingest_stats",
    "funnel_segments",
    "funnel_fact_sets",
    "funnel_fact_rows",
    "person_deletions",
    "funnels",
    "goals",
    "share_links",
    "ad_spend",
    "experiments",
    "dashboards",
    "dashboard_tiles",
    "dashboard_share_links",
    "annotations",
    "digest_schedules",
    "digest_recipients",
    "digest_deliveries",
    "alert_rules",
    "alert_episodes",
  ],
  // In the order Citus must create them: a table after the ones it refers to.
  reference: [
    "users",
    "teams",
    "memberships",
    "invites",
    "sessions",
    "account_tokens",
    "recovery_codes",
    "projects",
    "onboarding_drafts",
    "share_link_tokens",
    "event_retention",
    "visitor_salts",
  ],
  // jobs: workers claim due jobs across projects with `for update skip locked`, which Citus runs only on one node.
  local: ["rate_limits", "jobs"],
} as const;

export type TablePlacement = { distributed: readonly string[]; reference: readonly string[]; local: readonly string[] };

/** The column every distributed table is sharded by. */
export const DISTRIBUTION_COLUMN = "project_id";

const citusKnown = new WeakMap<Db, Promise<boolean>>();

/** Whether the database is a Citus coordinator (the extension is installed in it); asked once per handle. */
export function isCitus(db: Db): Promise<boolean> {
  let known = citusKnown.get(db);
  if (!known) {
    known = queryRows<{ n: number }>(db, sql`select count(*)::int as n from pg_extension where extname = 'citus'`).then(
      (r) => Number(r[0]?.n) > 0,
    );
    known.catch(() => citusKnown.delete(db));
    citusKnown.set(db, known);
  }
  return known;
}

export type DistributeResult = { citus: boolean; distributed: string[]; referenced: string[] };

/**
 * Places the tables on a Citus cluster as TABLE_PLACEMENT says, in one transaction (all or nothing).
 * Idempotent: a table Citus already placed is left alone, so it is safe after every migration and on
 * a cluster with data (Citus copies existing rows into the shards). Tenant tables are co-located
 * with `events`. `shardCount` is for tests (fewer shards are quicker to make); production keeps
 * Citus's default (32). `placement` is for tests of older schemas (a migration test).
 *
 * The foreign keys of the tenant tables (to `projects`, `users`) are dropped first and put back
 * last: once `users` becomes a reference table, Citus would otherwise turn every table linked to it
 * by a foreign key into a coordinator-local one, and such a table with an identity column (events)
 * can no longer be distributed.
 */
export async function distribute(db: Db, opts: { shardCount?: number; placement?: TablePlacement } = {}): Promise<DistributeResult> {
  const placement = opts.placement ?? TABLE_PLACEMENT;
  if (!(await isCitus(db))) return { citus: false, distributed: [], referenced: [] };
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const placed = new Map(
      (
        await queryRows<{ t: string; method: string; model: string }>(
          t,
          sql`select logicalrelid::regclass::text as t, partmethod::text as method, repmodel::text as model from pg_dist_partition`,
        )
      ).map((r) => [r.t, r.method === "h" ? "distributed" : r.model === "t" ? "reference" : "local"]),
    );
    const result: DistributeResult = { citus: true, distributed: [], referenced: [] };
    const tenants = placement.distributed.filter((x) => placed.get(x) !== "distributed");
    const references = placement.reference.filter((x) => placed.get(x) !== "reference");
    if (tenants.length === 0 && references.length === 0) return result;
    await t.execute(sql`set local citus.multi_shard_modify_mode to 'sequential'`);
    if (opts.shardCount) await t.execute(sql.raw(`set local citus.shard_count = ${Math.trunc(opts.shardCount)}`));
    const keys = await queryRows<{ tbl: string; name: string; def: string }>(
      t,
      sql`select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
        where contype = 'f' and conrelid::regclass::text in (${sql.join(
          tenants.map((x) => sql`${x}`),
          sql`, `,
        )})`,
    );
    for (const k of keys) await t.execute(sql.raw(`alter table ${ident(k.tbl)} drop constraint ${ident(k.name)}`));
    for (const table of references) {
      await t.execute(sql`select create_reference_table(${table})`);
      result.referenced.push(table);
    }
    const anchor = placement.distributed[0];
    for (const table of tenants) {
      const colocate = table === anchor ? "default" : anchor;
      await t.execute(sql`select create_distributed_table(${table}, ${DISTRIBUTION_COLUMN}, colocate_with => ${colocate})`);
      result.distributed.push(table);
    }
    for (const k of keys) await t.execute(sql.raw(`alter table ${ident(k.tbl)} add constraint ${ident(k.name)} ${k.def}`));
    return result;
  });
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
