// The baseline of bench:ingest, in its own process as the load generator is: CONCURRENCY
// PostgreSQL connections each insert rows of BATCH events with one multi-VALUES statement
// (autocommit) into TABLE, a copy of `events` with the same indexes, for DURATION seconds: what
// the database alone takes of the events ingestion stores. Prints a JSON summary.
import postgres from "postgres";

const { DATABASE_URL, TABLE = "bench_values", PROJECT_ID, DURATION = "8", CONCURRENCY = "16", BATCH = "100" } = process.env;
const sql = postgres(DATABASE_URL, { max: Number(CONCURRENCY), onnotice: () => {} });
const end = Date.now() + Number(DURATION) * 1000;
let inserted = 0,
  seq = 0;

function rows() {
  const now = new Date();
  return Array.from({ length: Number(BATCH) }, () => {
    const n = seq++;
    const anonymous = `v${n % 50000}`;
    // The columns and values that ingestion stores for the load generator's events.
    return {
      project_id: PROJECT_ID,
      time: now,
      received_at: now,
      name: n % 5 ? "bench_event" : "page_view",
      person_id: anonymous,
      anonymous_id: anonymous,
      user_id: null,
      path: "/product/x",
      referrer_domain: null,
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: null,
      device: "desktop",
      browser: "Chrome",
      os: "Windows",
      country: "NL",
      region: null,
      properties: { path: "/product/x", n },
      revenue: null,
      message_id: `base-${process.pid}-${n}`,
    };
  });
}

async function worker() {
  while (Date.now() < end) {
    const r = await sql`insert into ${sql(TABLE)} ${sql(rows())}`;
    inserted += r.count;
  }
}
const started = Date.now();
await Promise.all(Array.from({ length: Number(CONCURRENCY) }, worker));
const secs = (Date.now() - started) / 1000;
await sql.end();
console.log(JSON.stringify({ seconds: secs, inserted }));
