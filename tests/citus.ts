import postgres from "postgres";

/**
 * Databases on a Citus test cluster (../shared/citus/cluster.sh: a coordinator and two workers on one
 * machine). Citus does not create databases on the workers, so each test database is made on every
 * node by copying a template that already holds the migrated, distributed schema on each of them
 * (the coordinator's metadata and the workers' shards alike): about a second, where migrating and
 * distributing afresh takes ten.
 */

type Node = { host: string; port: number };

const quiet = { max: 1, onnotice: () => {}, connect_timeout: 10 } as const;

function urlFor(base: string, node: Node | null, database: string): string {
  const u = new URL(base);
  if (node) {
    u.hostname = node.host;
    u.port = String(node.port);
  }
  u.pathname = "/" + database;
  return u.toString();
}

/** The cluster's nodes as the coordinator at `url` knows them, coordinator first. */
export async function clusterNodes(url: string): Promise<Node[]> {
  const sql = postgres(url, quiet);
  try {
    const rows = await sql<{ host: string; port: number; group: number }[]>`
      select nodename as host, nodeport as port, groupid as group from pg_dist_node where noderole = 'primary' order by groupid`;
    if (!rows.some((r) => r.group === 0)) throw new Error(`${new URL(url).host} is not a Citus coordinator with its nodes added`);
    return rows.map((r) => ({ host: r.host, port: Number(r.port) }));
  } finally {
    await sql.end();
  }
}

async function onNode(base: string, node: Node, database: string, statements: string[]): Promise<void> {
  const sql = postgres(urlFor(base, node, database), quiet);
  try {
    for (const s of statements) await sql.unsafe(s);
  } finally {
    await sql.end();
  }
}

/** An empty cluster database `name` with Citus and the coordinator's nodes registered in it. */
export async function createClusterDb(url: string, name: string): Promise<string> {
  const nodes = await clusterNodes(url);
  const [coordinator, ...workers] = nodes;
  for (const node of [...workers, coordinator]) {
    await onNode(url, node, "postgres", [`drop database if exists ${name} with (force)`, `create database ${name}`]);
    await onNode(url, node, name, [`create extension if not exists citus`]);
  }
  await onNode(url, coordinator, name, [
    `select citus_set_coordinator_host('${coordinator.host}', ${coordinator.port})`,
    ...workers.map((w) => `select citus_add_node('${w.host}', ${w.port})`),
  ]);
  return urlFor(url, coordinator, name);
}

/** Freezes `name` on every node as a template (no connections, so that it can be copied). */
export async function freezeClusterTemplate(url: string, name: string): Promise<void> {
  for (const node of await clusterNodes(url))
    await onNode(url, node, "postgres", [
      `update pg_database set datallowconn = false where datname = '${name}'`,
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`,
    ]);
}

/** A copy of the template `template` as `name` on every node; returns the coordinator's URL. */
export async function copyClusterDb(url: string, template: string, name: string): Promise<string> {
  const nodes = await clusterNodes(url);
  const [coordinator, ...workers] = nodes;
  for (const node of [...workers, coordinator]) await onNode(url, node, "postgres", [`create database ${name} template ${template}`]);
  return urlFor(url, coordinator, name);
}

/** Drops `name` on every node (the coordinator first: it holds connections to the workers). */
export async function dropClusterDb(url: string, name: string): Promise<void> {
  for (const node of await clusterNodes(url)) await onNode(url, node, "postgres", [`drop database if exists ${name} with (force)`]);
}

/** The databases on the coordinator whose names start with `prefix`. */
export async function clusterDbsLike(url: string, prefix: string): Promise<string[]> {
  const sql = postgres(url, quiet);
  try {
    const rows = await sql<{ datname: string }[]>`select datname from pg_database where datname like ${prefix + "%"}`;
    return rows.map((r) => r.datname);
  } finally {
    await sql.end();
  }
}
