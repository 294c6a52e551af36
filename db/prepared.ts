import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client";

const dialect = new PgDialect();

/**
 * Runs a statement that a hot path sends over and over (ingestion: db/events/insert.ts) as a
 * prepared statement. On PostgreSQL, postgres.js then parses and describes it once per connection
 * and afterwards sends only Bind and Execute: one round trip instead of two (an unnamed statement
 * with parameters is described before it is bound) and no parsing, and several such statements in
 * one transaction can be sent without waiting for each other's answers (pipelined: see
 * insertEventGroup). PGlite runs it as `db.execute` does.
 *
 * postgres.js remembers every prepared text on every connection, so the SQL text must not depend on
 * the data: values go in as parameters (a batch as one json parameter), never as SQL.
 */
export async function preparedRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, "trechter_ingest", false).execute()) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
