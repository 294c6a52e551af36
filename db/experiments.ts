import { and, asc, eq } from "drizzle-orm";
import type { ProjectScope } from "./tenant";
import { isUuid } from "./tenant";
import { experiments, goals, funnels } from "./schema";
import { notFound, InputError } from "../lib/errors";
import { experimentDefinitionSchema, experimentIssue, type ExperimentDefinition } from "../lib/experiments/validate";
import { experimentReadout } from "../lib/experiments/readout";
import type { Experiment, ExperimentResult, PlannerTraffic } from "../lib/experiments/types";
import { experimentReadoutCounts, type ExperimentConversion } from "./queries/experiments/readout";
import { goalConversions } from "./queries/conversions/goalConversions";

export type ExperimentRow = typeof experiments.$inferSelect;
// lib/experiments/types.ts declares the row for the UI: a column added or changed here must be added there.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _rowMatchesLib: Same<ExperimentRow, Experiment> = true;

/** The project's experiments, newest start first. */
export async function listExperiments(scope: ProjectScope): Promise<ExperimentRow[]> {
  const rows = await scope.db
    .select()
    .from(experiments)
    .where(eq(experiments.projectId, scope.projectId))
    .orderBy(asc(experiments.createdAt));
  return rows.sort((a, b) => b.startDate.localeCompare(a.startDate));
}

/** An experiment of this project, or 404 (also for a malformed id or another project's experiment). */
export async function getExperiment(scope: ProjectScope, experimentId: string): Promise<ExperimentRow> {
  if (!isUuid(experimentId)) throw notFound("Experiment not found");
  const [row] = await scope.db
    .select()
    .from(experiments)
    .where(and(eq(experiments.projectId, scope.projectId), eq(experiments.id, experimentId)));
  if (!row) throw notFound("Experiment not found");
  return row;
}

/** Validates input and checks that its goal or funnel belongs to this project (ids from a browser only name them). */
async function parseDefinition(scope: ProjectScope, input: unknown): Promise<ExperimentDefinition> {
  const issue = experimentIssue(input);
  if (issue) throw new InputError(issue.message, issue.field, 400);
  const def = experimentDefinitionSchema.parse(input);
  if (def.goalId) {
    const [g] = await scope.db
      .select({ id: goals.id })
      .from(goals)
      .where(and(eq(goals.projectId, scope.projectId), eq(goals.id, def.goalId)));
    if (!g) throw new InputError("Choose a goal of this project.", "target", 400);
  }
  if (def.funnelId) {
    const [f] = await scope.db
      .select({ id: funnels.id })
      .from(funnels)
      .where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, def.funnelId)));
    if (!f) throw new InputError("Choose a funnel of this project.", "target", 400);
  }
  return def;
}

const columns = (def: ExperimentDefinition) => ({
  name: def.name,
  property: def.property,
  source: def.source,
  variants: def.variants,
  controlVariant: def.controlVariant,
  goalId: def.goalId ?? null,
  funnelId: def.funnelId ?? null,
  startDate: def.startDate,
  minimumUplift: def.minimumUplift,
});

/** Adds an experiment. Admins only. */
export async function createExperiment(scope: ProjectScope, input: unknown): Promise<ExperimentRow> {
  scope.require("admin");
  const def = await parseDefinition(scope, input);
  const [row] = await scope.db
    .insert(experiments)
    .values({ projectId: scope.projectId, ...columns(def) })
    .returning();
  return row;
}

/** Replaces an experiment's definition. Admins only. */
export async function updateExperiment(scope: ProjectScope, experimentId: string, input: unknown): Promise<ExperimentRow> {
  scope.require("admin");
  await getExperiment(scope, experimentId);
  const def = await parseDefinition(scope, input);
  const [row] = await scope.db
    .update(experiments)
    .set(columns(def))
    .where(and(eq(experiments.projectId, scope.projectId), eq(experiments.id, experimentId)))
    .returning();
  return row;
}

/** Removes an experiment (its events stay). Admins only. */
export async function deleteExperiment(scope: ProjectScope, experimentId: string): Promise<void> {
  scope.require("admin");
  await getExperiment(scope, experimentId);
  await scope.db.delete(experiments).where(and(eq(experiments.projectId, scope.projectId), eq(experiments.id, experimentId)));
}

const DAY = 86_400_000;
export const BASELINE_DAYS = 28;

export type { ExperimentResult, PlannerTraffic };

/**
 * An experiment's readout up to `now`: counts per variant from the database, turned into rates,
 * uplifts, tests and the verdict by lib/experiments. The plan rests on the goal's rate in the
 * BASELINE_DAYS before the start when there was traffic then, else on the control's rate so far.
 */
export async function experimentResult(scope: ProjectScope, experiment: ExperimentRow, now = new Date()): Promise<ExperimentResult> {
  const start = new Date(`${experiment.startDate}T00:00:00Z`);
  let conversion: ExperimentConversion | null = null;
  if (experiment.goalId) {
    const [g] = await scope.db
      .select()
      .from(goals)
      .where(and(eq(goals.projectId, scope.projectId), eq(goals.id, experiment.goalId)));
    if (g) conversion = { kind: "goal", match: g.match };
  } else if (experiment.funnelId) {
    const [f] = await scope.db
      .select()
      .from(funnels)
      .where(and(eq(funnels.projectId, scope.projectId), eq(funnels.id, experiment.funnelId)));
    if (f) conversion = { kind: "funnel", steps: f.steps, windowSeconds: f.windowSeconds };
  }
  // The goal or funnel was deleted after the experiment was made: nothing to judge by.
  if (!conversion) return { experiment, readout: null, unassigned: 0, missingTarget: true };
  const { counts, unassigned } = await experimentReadoutCounts(scope, {
    property: experiment.property,
    source: experiment.source,
    variants: experiment.variants,
    from: start,
    to: now,
    conversion,
  });
  let preExperimentRate: number | null = null;
  if (conversion.kind === "goal") {
    const [before] = await goalConversions(scope, {
      goals: [conversion.match],
      from: new Date(start.getTime() - BASELINE_DAYS * DAY),
      to: start,
    });
    if (before && before.visitors >= 100 && before.goals[0].converted > 0) preExperimentRate = before.goals[0].converted / before.visitors;
  }
  const readout = experimentReadout({
    variants: experiment.variants,
    control: experiment.controlVariant,
    counts,
    minimumUplift: experiment.minimumUplift,
    preExperimentRate,
  });
  return { experiment, readout, unassigned, missingTarget: false };
}

/**
 * The project's traffic and each goal's rate over the last BASELINE_DAYS, for the test planner: unique
 * visitors / days is the number of new people a test could enrol per day (returning visitors enrol once).
 */
export async function plannerTraffic(scope: ProjectScope, now = new Date()): Promise<PlannerTraffic> {
  const goalRows = await scope.db
    .select()
    .from(goals)
    .where(eq(goals.projectId, scope.projectId))
    .orderBy(asc(goals.position), asc(goals.createdAt));
  const [row] = await goalConversions(scope, {
    goals: goalRows.map((g) => g.match),
    from: new Date(now.getTime() - BASELINE_DAYS * DAY),
    to: now,
  });
  const visitors = row?.visitors ?? 0;
  return {
    days: BASELINE_DAYS,
    visitors,
    dailyVisitors: visitors / BASELINE_DAYS,
    goals: goalRows.map((g, i) => {
      const converted = row?.goals[i]?.converted ?? 0;
      return { goalId: g.id, name: g.name, visitors, converted, rate: visitors > 0 ? converted / visitors : null };
    }),
  };
}
