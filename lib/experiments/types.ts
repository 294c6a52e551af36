import type { Readout } from "./readout";

/** Where an experiment reads a visitor's variant: an event property (`properties.<name>`) or an identify trait. */
export const EXPERIMENT_SOURCES = ["event", "trait"] as const;
export type ExperimentSource = (typeof EXPERIMENT_SOURCES)[number];

/** A saved experiment (a row of the experiments table; db/experiments checks the two stay alike). */
export type Experiment = {
  projectId: string;
  id: string;
  name: string;
  property: string;
  source: ExperimentSource;
  variants: string[];
  controlVariant: string;
  goalId: string | null;
  funnelId: string | null;
  /** YYYY-MM-DD */
  startDate: string;
  minimumUplift: number;
  createdAt: Date;
};

/** An experiment with its readout (null before there is anything to read). */
export type ExperimentResult = { experiment: Experiment; readout: Readout | null; unassigned: number; missingTarget: boolean };

/** A goal's rate over the planner's baseline days. */
export type PlannerBaseline = { goalId: string; name: string; visitors: number; converted: number; rate: number | null };
/** The project's recent traffic, for the test planner. */
export type PlannerTraffic = { days: number; visitors: number; dailyVisitors: number; goals: PlannerBaseline[] };
