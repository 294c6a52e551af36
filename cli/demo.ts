import type { Command } from "./commands";
import { operatorProjectScope } from "../db/tenant";
import { seedDemoData, DEMO_DEFAULTS, demoEnd } from "../db/demo/seed";
import { CliError } from "./errors";

function positive(value: string | boolean | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new CliError(`--${flag} must be a whole number from 1 to ${max.toLocaleString("en")}.`);
  return n;
}

export const demoSeedCommand: Command = {
  summary: "Generate demo traffic for a project (its sector's funnel and goals).",
  usage: "--project <id> [--visitors N] [--days D] [--seed S]",
  options: {
    project: { description: "Project id", required: true },
    visitors: { description: `Number of visitors (default ${DEMO_DEFAULTS.visitors})` },
    days: { description: `Days of traffic up to today (default ${DEMO_DEFAULTS.days})` },
    seed: { description: `Random seed; the same seed gives the same data (default ${DEMO_DEFAULTS.seed})` },
  },
  async run(handle, v) {
    const scope = await operatorProjectScope(handle.db, String(v.project)).catch(() => {
      throw new CliError(`No project with id "${v.project}".`);
    });
    const opts = {
      visitors: positive(v.visitors, "visitors", DEMO_DEFAULTS.visitors, 10_000_000),
      days: positive(v.days, "days", DEMO_DEFAULTS.days, 3650),
      seed: positive(v.seed, "seed", DEMO_DEFAULTS.seed, 2 ** 31),
      end: demoEnd(),
    };
    const started = Date.now();
    const result = await seedDemoData(scope, opts);
    return { project: scope.projectId, ...opts, ...result, seconds: Math.round((Date.now() - started) / 100) / 10 };
  },
};
