import type { Sector } from "../sectors";
import type { Locale } from "../i18n/locales";
import type { FunnelStep, GoalKind, StepMatch } from "../funnel/types";
import type { SectorTemplate } from "./types";
import { ecommerce } from "./ecommerce";
import { b2b } from "./b2b";
import { hospitality } from "./hospitality";
import { saas } from "./saas";
import { recruitment } from "./recruitment";

export type { SectorTemplate } from "./types";

/** The five sector templates: the one place their funnels, goals and benchmarks are defined. */
export const TEMPLATES: Record<Sector, SectorTemplate> = { ecommerce, b2b, hospitality, saas, recruitment };

/** The template of a sector; every sector has one. */
export function getTemplate(sector: Sector): SectorTemplate {
  return TEMPLATES[sector];
}

export type TemplateSetup = {
  funnels: { name: string; steps: FunnelStep[]; windowSeconds: number }[];
  goals: { key: string; name: string; kind: GoalKind; match: StepMatch; revenue: boolean }[];
};

/** What a new project of this sector starts with, in the chosen language (names are stored, then editable). */
export function templateSetup(sector: Sector, locale: Locale): TemplateSetup {
  const t = TEMPLATES[sector];
  return {
    funnels: [
      {
        name: t.funnel.name[locale],
        windowSeconds: t.funnel.windowSeconds,
        steps: t.funnel.steps.map(({ label, ...match }) => ({ ...match, label: label[locale] })),
      },
    ],
    goals: t.goals.map((g) => ({ key: g.key, name: g.name[locale], kind: g.kind, match: g.match, revenue: Boolean(g.revenue) })),
  };
}

export { DEMO_CONTENT } from "./demo-content";
export { localizeTemplateNames } from "./localize";
