import { getDb } from "../db/client";
import { retentionTick } from "../db/retention";

/** First check this long after the server starts (the app warms up first), then every TICK_MS. */
const FIRST_MS = 30_000;
/**
 * How often the job looks for projects due: each project runs at most hourly (db/retention.ts claims
 * it in the database, so any number of processes share the work), and within this time after an
 * admin shortens its period.
 */
const TICK_MS = 10 * 60_000;

/**
 * Starts the retention job of this process (server/serve.ts): applies every project's retention on
 * start and then hourly. Restarts lose nothing: what is due is read from the database. Ticks never
 * overlap within the process; the timers do not keep the process alive.
 */
export function startRetentionJob(): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const runs = await retentionTick(await getDb(), new Date(), (p) => {
        if (p.made.length || p.partitions.length)
          console.log(
            `[trechter] event partitions: made ${p.made.join(", ") || "none"}; dropped ${p.partitions.join(", ") || "none"} (${p.events} events)`,
          );
      });
      for (const [projectId, run] of runs) {
        if (run.events || run.persons || run.funnelFacts)
          console.log(
            `[trechter] retention: project ${projectId} kept events from ${run.cut.toISOString()}; deleted ${run.events} events, ${run.persons} persons, ${run.identityLinks} identity links, ${run.funnelFacts} funnel fact rows`,
          );
      }
    } catch (err) {
      console.error("[trechter] retention check failed (tried again at the next tick):", err);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), FIRST_MS);
  const every = setInterval(() => void tick(), TICK_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
