/**
 * Runs before the server starts (npm start): validate configuration, make sure AUTH_SECRET exists,
 * apply migrations, and on an empty database seed the demo team. It closes the database before
 * the server opens it (PGlite allows one process per data directory).
 */
import { config, ConfigError, ensureAuthSecret } from "../lib/config";
import { getDbHandle } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemoAccountIfEmpty } from "../db/demo/account";

async function main() {
  const cfg = config();
  const secret = ensureAuthSecret();
  if (secret.generated) {
    console.log(`[trechter] No AUTH_SECRET set: generated one and kept it in ${secret.file}. Set AUTH_SECRET yourself in production.`);
  }
  const handle = await getDbHandle();
  try {
    console.log(`[trechter] Database: ${handle.kind === "pglite" ? `embedded PGlite in ${cfg.DATA_DIR}` : "PostgreSQL (DATABASE_URL)"}`);
    await migrate(handle);
    console.log("[trechter] Migrations applied.");
    if (cfg.TRECHTER_DEMO === "1") {
      const demo = await seedDemoAccountIfEmpty(handle.db);
      if (demo) {
        console.log(`[trechter] Seeded a demo team with ${demo.events.toLocaleString("en")} events.`);
        // start.mjs prints the login last, once the server is ready, where it is seen (not above the build's output).
        process.stdout.write(`__DEMO_LOGIN__=${demo.email} / ${demo.password}\n`);
      }
    }
  } finally {
    await handle.close();
  }
  // The server reads the secret from the environment (start.mjs passes it on).
  process.stdout.write(`\n__AUTH_SECRET__=${secret.secret}\n`);
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error("[trechter] Start-up failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
