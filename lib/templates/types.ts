import type { FunnelStage, GoalKind, StepMatch } from "../funnel/types";
import type { Sector } from "../sectors";

export type Localized = { en: string; nl: string };

export type TemplateGoal = { key: string; name: Localized; kind: GoalKind; match: StepMatch; revenue?: boolean };

export type StageKpi = { id: string; name: Localized };

/** A sector's reference conversion rate, quoted from the article; null where the article gives none. */
export type Benchmark = {
  rate: number | null;
  solidRange?: [number, number];
  label: Localized;
  source: { quote: string; article: "conversie.txt" | "sales-funnel.txt" } | null;
};

/** Plain data the demo generator turns into visitors: the chance to go on from each default-funnel step. */
export type DemoProfile = {
  /** continue[i] = chance that a visitor at step i goes on to step i+1 (length = steps − 1). */
  continue: number[];
  /** extra events that fire with a chance for visitors who reached at least `afterStep`. */
  micro: { event: string; chance: number; afterStep: number; path?: string; properties?: Record<string, string> }[];
  /** paths for page views at each step that is a page view; `{slug}` is filled from `slugs`. */
  slugs: string[];
  orderValue?: [number, number];
  /** chance that a converted visitor comes back and converts again (retention). */
  repeat: number;
};

export type SectorTemplate = {
  sector: Sector;
  name: Localized;
  description: Localized;
  macroExample: Localized;
  microExamples: Localized[];
  /** Events and page patterns that mark each stage of the sales funnel. */
  stages: Record<FunnelStage, { markers: StepMatch[]; kpis: StageKpi[] }>;
  funnel: { name: Localized; steps: (StepMatch & { label: Localized })[]; windowSeconds: number };
  goals: TemplateGoal[];
  benchmark: Benchmark;
  demo: DemoProfile;
};
