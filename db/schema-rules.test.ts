import { it, expect } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachDb, alsoOnCitus } from "../tests/db";
import { schemaRuleViolations } from "./schema-rules";
import { TABLE_PLACEMENT } from "./distribution";

alsoOnCitus();

describeEachDb("schema rules for distributing by project", (db) => {
  it("hold for every table the migrations make", async () => {
    expect(await schemaRuleViolations(db(), TABLE_PLACEMENT)).toEqual([]);
  });

  it("report a tenant key without project_id, a 32-bit identity, a reference table that refers to tenant data and an unplaced table", async () => {
    const ddl = [
      `drop schema if exists rules_scratch cascade`,
      `create schema rules_scratch`,
      `create table rules_scratch.projects (id uuid primary key)`,
      `create table rules_scratch.sets (id integer generated always as identity primary key,
        project_id uuid not null references rules_scratch.projects(id), token text not null unique, key text not null)`,
      `create unique index sets_key on rules_scratch.sets (project_id, key)`,
      `alter table rules_scratch.sets add constraint sets_pid unique (project_id, id)`,
      `create table rules_scratch.good (project_id uuid not null, id bigint generated always as identity, set_id integer,
        primary key (project_id, id), foreign key (set_id, project_id) references rules_scratch.sets (id, project_id))`,
      `create table rules_scratch.bad_ref (project_id uuid not null, set_id integer not null references rules_scratch.sets (id))`,
      `create table rules_scratch.lookup (token text primary key, project_id uuid not null, set_id integer not null,
        foreign key (project_id, set_id) references rules_scratch.sets (project_id, id))`,
      `create table rules_scratch.stray (id bigint primary key)`,
    ];
    for (const statement of ddl) await db().execute(sql.raw(statement));
    const found = await schemaRuleViolations(
      db(),
      { distributed: ["sets", "good", "bad_ref"], reference: ["projects", "lookup"], local: ["gone"] },
      "rules_scratch",
    );
    expect(found.sort()).toEqual(
      [
        "stray: not placed (add it to TABLE_PLACEMENT in db/distribution.ts)",
        "gone: placed but not in the schema",
        "sets: unique key sets_pkey (id) lacks project_id",
        "sets: unique key sets_token_key (token) lacks project_id",
        "sets: identity column id is integer, not bigint",
        "bad_ref: foreign key bad_ref_set_id_fkey (set_id) → sets (id) does not join project_id to project_id",
        "lookup: reference table refers to distributed table sets (foreign key lookup_project_id_set_id_fkey)",
      ].sort(),
    );
    await db().execute(sql.raw(`drop schema rules_scratch cascade`));
  });
});
