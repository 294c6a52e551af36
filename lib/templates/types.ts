import type { FunnelStage, GoalKind, StepMatch } from "../funnel/types";
import type { Sector } from "../sectors";

export type Localized = { en: string; nl: string };

/** A goal a new project starts with; `revenue` marks purchase-like goals whose events carry an amount. */
export type TemplateGoal = { key: string; name: Localized; kind: GoalKind; match: StepMatch; revenue?: boolean };

/** A figure worth showing for a stage; the id is stable and says what to compute (see kpis.ts). */
export type StageKpi = { id: string; name: Localized };

/** A sector's reference conversion rate, quoted from the article; rate and source are null where the article gives none. */
export type Benchmark = {
  /** a fraction: 0.0263 is 2.63 % */
  rate: number | null;
  /** the band the article calls a "solid" basis, as fractions */
  solidRange?: [number, number];
  /** the exact sentence the solid range comes from */
  solidRangeQuote?: string;
  /** what the rate measures, or that there is no figure */
  label: Localized;
  source: { quote: string; article: "conversie.txt" } | null;
};

/** An extra event the demo generator fires for some visitors, usually a micro goal. */
export type DemoMicro = {
  event: string;
  /** chance in (0, 1] among visitors who go on from step `afterStep` to the next one */
  chance: number;
  afterStep: number;
  path?: string;
  properties?: Record<string, string>;
};

/** Plain data the demo generator turns into visitors. */
export type DemoProfile = {
  /** continue[i] = chance that a visitor at step i goes on to step i+1 (length = steps − 1); the product is the macro rate. */
  continue: number[];
  micro: DemoMicro[];
  /** fills the `*` of a step's path pattern, and `/blog/{slug}` for entry page views (what generate.ts reads today) */
  slugs: string[];
  /** example paths per default-funnel step, in step order: paths a page-view step's pattern matches, null for other events */
  stepPaths: (string[] | null)[];
  /** content where visitors land first (the awareness stage: blog articles, guides) */
  blogPaths: string[];
  /** euros, for goals with `revenue: true` */
  orderValue?: [number, number];
  /** chance that a converted visitor comes back and converts again (retention) */
  repeat: number;
};

export type TemplateStep = StepMatch & { label: Localized };

export type SectorTemplate = {
  sector: Sector;
  name: Localized;
  description: Localized;
  /** for the onboarding cards: the article's examples, in words */
  macroExample: Localized;
  microExamples: Localized[];
  /**
   * Events and page patterns that mark each stage of the sales funnel, and the KPIs to show there.
   * A visitor has reached a stage once any of its markers fired; any page view marks awareness.
   */
  stages: Record<FunnelStage, { markers: StepMatch[]; kpis: StageKpi[] }>;
  funnel: { name: Localized; steps: TemplateStep[]; windowSeconds: number };
  goals: TemplateGoal[];
  benchmark: Benchmark;
  demo: DemoProfile;
};
