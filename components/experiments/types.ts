import type { ExperimentResult, PlannerTraffic } from "@/lib/experiments/types";

/** An experiment and its readout as the page hands them to the browser (dates as strings). */
export type ExperimentView = Omit<ExperimentResult, "experiment"> & {
  experiment: Omit<ExperimentResult["experiment"], "createdAt"> & { createdAt: string };
};
export type Option = { id: string; name: string };
export type { PlannerTraffic };
