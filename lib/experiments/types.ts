/** Where an experiment reads a visitor's variant: an event property (`properties.<name>`) or an identify trait. */
export const EXPERIMENT_SOURCES = ["event", "trait"] as const;
export type ExperimentSource = (typeof EXPERIMENT_SOURCES)[number];
