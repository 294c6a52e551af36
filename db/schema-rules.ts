import { sql } from "drizzle-orm";
import { queryRows, type Db } from "./client";
import { DISTRIBUTION_COLUMN, type TablePlacement } from "./distribution";

/**
 * The rules a schema must keep so that Citus can distribute it by project (with events partitioned
 * by time), read from the catalogue of a migrated database:
 * - every table is placed (distributed, reference or local), and every placed table exists (a
 *   partition is its table's: events_pYYYY_MM and events_default go with events);
 * - every unique key (primary keys included) of a distributed table contains `project_id`;
 * - a foreign key of a distributed table to another distributed table joins `project_id` to
 *   `project_id` (co-located); one to a reference table is free (every node has that table);
 * - a reference table refers only to reference tables, a local one to reference or local ones;
 * - identity and serial columns are bigint (Citus hands each node its own range of the sequence).
 * Returns one line per violation, empty when the schema keeps them.
 */
export async function schemaRuleViolations(db: Db, placement: TablePlacement, schema = "public"): Promise<string[]> {
  const problems: string[] = [];
  const kind = new Map<string, "distributed" | "reference" | "local">();
  for (const k of ["distributed", "reference", "local"] as const) for (const t of placement[k]) kind.set(t, k);

  const tables = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
  );
  const present = new Set(tables.map((t) => t.name));
  for (const t of present) if (!kind.has(t)) problems.push(`${t}: not placed (add it to TABLE_PLACEMENT in db/distribution.ts)`);
  for (const t of kind.keys()) if (!present.has(t)) problems.push(`${t}: placed but not in the schema`);

  const uniques = await queryRows<{ tbl: string; idx: string; cols: string }>(
    db,
    sql`select c.relname as tbl, i.relname as idx,
        (select string_agg(coalesce(a.attname, 'expression'), ',' order by k.o)
           from unnest(x.indkey) with ordinality k(n, o)
           left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n) as cols
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and x.indisunique order by 1, 2`,
  );
  for (const u of uniques) {
    if (kind.get(u.tbl) !== "distributed") continue;
    if (!u.cols.split(",").includes(DISTRIBUTION_COLUMN))
      problems.push(`${u.tbl}: unique key ${u.idx} (${u.cols}) lacks ${DISTRIBUTION_COLUMN}`);
  }

  const fks = await queryRows<{ tbl: string; name: string; ref: string; cols: string; refcols: string }>(
    db,
    sql`select c.relname as tbl, k.conname as name, r.relname as ref,
        (select string_agg(a.attname, ',' order by o) from unnest(k.conkey) with ordinality x(n, o)
           join pg_attribute a on a.attrelid = k.conrelid and a.attnum = x.n) as cols,
        (select string_agg(a.attname, ',' order by o) from unnest(k.confkey) with ordinality x(n, o)
           join pg_attribute a on a.attrelid = k.confrelid and a.attnum = x.n) as refcols
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and k.contype = 'f' order by 1, 2`,
  );
  for (const f of fks) {
    const from = kind.get(f.tbl);
    const to = kind.get(f.ref);
    if (!from || !to) continue;
    if (from === "distributed" && to === "distributed") {
      const cols = f.cols.split(",");
      const refcols = f.refcols.split(",");
      const at = cols.indexOf(DISTRIBUTION_COLUMN);
      if (at < 0 || refcols[at] !== DISTRIBUTION_COLUMN)
        problems.push(
          `${f.tbl}: foreign key ${f.name} (${f.cols}) → ${f.ref} (${f.refcols}) does not join ${DISTRIBUTION_COLUMN} to ${DISTRIBUTION_COLUMN}`,
        );
    } else if (from === "reference" && to !== "reference") {
      problems.push(`${f.tbl}: reference table refers to ${to} table ${f.ref} (foreign key ${f.name})`);
    } else if (from === "local" && to === "distributed") {
      problems.push(`${f.tbl}: local table refers to distributed table ${f.ref} (foreign key ${f.name})`);
    }
  }

  const counters = await queryRows<{ tbl: string; col: string; type: string }>(
    db,
    sql`select c.relname as tbl, a.attname as col, format_type(a.atttypid, a.atttypmod) as type
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = ${schema} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        and (a.attidentity <> '' or pg_get_expr(d.adbin, d.adrelid) like 'nextval(%')
      order by 1, 2`,
  );
  for (const c of counters) if (c.type !== "bigint") problems.push(`${c.tbl}: identity column ${c.col} is ${c.type}, not bigint`);
  return problems;
}
