import { describe, it, expect } from "vitest";
import { TEMPLATES, getTemplate, templateSetup } from "./index";
import { SECTORS, type Sector } from "../sectors";
import { FUNNEL_STAGES, MIN_STEPS, MAX_STEPS, MAX_WINDOW_SECONDS, type StepMatch } from "../funnel/types";
import { definitionStepsSchema } from "../funnel/validate";
import { PATH_PATTERN, SNAKE_CASE, localizedStrings } from "./test-helpers";
import { makeTranslate } from "../i18n/translate";
import { formatters } from "../i18n/format";
import enMessages from "../i18n/messages/en";
import nlMessages from "../i18n/messages/nl";

const DAY = 86400;

/** Per sector: the macro goal, whether it carries revenue, and the default funnel's window. */
const EXPECTED: Record<Sector, { macro: string; revenue: boolean; windowDays: number }> = {
  ecommerce: { macro: "purchase", revenue: true, windowDays: 7 },
  b2b: { macro: "quote_request", revenue: false, windowDays: 14 },
  hospitality: { macro: "reservation", revenue: false, windowDays: 7 },
  saas: { macro: "subscription_started", revenue: true, windowDays: 30 },
  recruitment: { macro: "application_submitted", revenue: false, windowDays: 7 },
};

/** The micro goals the issue names per sector, by key. */
const MICRO_KEYS: Record<Sector, string[]> = {
  ecommerce: ["add_to_cart", "newsletter_signup", "account_created", "wishlist_add"],
  b2b: ["whitepaper_download", "webinar_signup", "contact_question"],
  hospitality: ["menu_viewed", "photos_viewed", "availability_check", "newsletter_signup"],
  saas: ["trial_started", "demo_requested"],
  recruitment: ["job_alert_signup", "culture_doc_download", "skills_test_started", "recruiter_contact"],
};

const sameMatch = (a: StepMatch, b: StepMatch) =>
  a.event === b.event && a.path === b.path && JSON.stringify(a.where) === JSON.stringify(b.where);

/** The furthest stage one of whose markers is this step or goal (a marker without a path takes any path). */
function stageIndexOf(sector: Sector, m: StepMatch): number {
  const stages = TEMPLATES[sector].stages;
  let found = -1;
  FUNNEL_STAGES.forEach((stage, i) => {
    if (stages[stage].markers.some((k) => k.event === m.event && (k.path === undefined || k.path === m.path))) found = i;
  });
  return found;
}

function expectValidMatch(m: StepMatch) {
  expect(m.event, JSON.stringify(m)).toMatch(SNAKE_CASE);
  if (m.path !== undefined) expect(m.path, JSON.stringify(m)).toMatch(PATH_PATTERN);
}

it("has a template for every sector, and only those", () => {
  expect(Object.keys(TEMPLATES).sort()).toEqual([...SECTORS].sort());
  for (const s of SECTORS) {
    expect(getTemplate(s)).toBe(TEMPLATES[s]);
    expect(getTemplate(s).sector).toBe(s);
  }
});

describe.each(SECTORS)("template %s", (sector) => {
  const t = TEMPLATES[sector];
  const macro = t.goals.filter((g) => g.kind === "macro");

  it("is complete in English and Dutch", () => {
    const strings = localizedStrings(t);
    const kpis = FUNNEL_STAGES.flatMap((stage) => t.stages[stage].kpis);
    const expectedCount = 3 + t.microExamples.length + 1 + t.funnel.steps.length + t.goals.length + kpis.length + 1;
    expect(strings).toHaveLength(expectedCount);
    for (const s of strings) {
      expect(s.en.trim(), JSON.stringify(s)).not.toBe("");
      expect(s.nl.trim(), JSON.stringify(s)).not.toBe("");
      expect(`${s.en} ${s.nl}`, JSON.stringify(s)).not.toMatch(/TODO|TBD|lorem|\bxxx\b|^nl:|^en:/i);
    }
    // Loanwords (SaaS, e-commerce, webinar) may read the same; most strings must really be Dutch.
    const translated = strings.filter((s) => s.en !== s.nl).length;
    expect(translated / strings.length).toBeGreaterThan(0.8);
    expect(t.name.en).not.toBe(t.description.en);
    expect(t.description.nl).not.toBe(t.description.en);
  });

  it("has exactly one macro goal, the sector's, and at least two micro goals with unique keys", () => {
    expect(macro).toHaveLength(1);
    expect(macro[0].key).toBe(EXPECTED[sector].macro);
    const micro = t.goals.filter((g) => g.kind === "micro").map((g) => g.key);
    expect(micro.length).toBeGreaterThanOrEqual(2);
    expect(micro).toEqual(MICRO_KEYS[sector]);
    expect(new Set(t.goals.map((g) => g.key)).size).toBe(t.goals.length);
    for (const g of t.goals) {
      expect(g.key).toMatch(SNAKE_CASE);
      expectValidMatch(g.match);
    }
  });

  it("marks only the purchase-like goal as revenue", () => {
    expect(Boolean(macro[0].revenue)).toBe(EXPECTED[sector].revenue);
    expect(t.goals.filter((g) => g.kind === "micro" && g.revenue)).toEqual([]);
  });

  it("marks every stage with events or pages, and names its KPIs", () => {
    const kpiIds = new Set<string>();
    for (const stage of FUNNEL_STAGES) {
      const { markers, kpis } = t.stages[stage];
      expect(markers.length, stage).toBeGreaterThan(0);
      expect(kpis.length, stage).toBeGreaterThan(0);
      markers.forEach(expectValidMatch);
      for (const k of kpis) {
        expect(k.id).toMatch(SNAKE_CASE);
        expect(kpiIds.has(k.id), `${stage}: ${k.id} shown twice`).toBe(false);
        kpiIds.add(k.id);
      }
    }
    expect(t.stages.awareness.markers).toContainEqual({ event: "pageview" });
  });

  it("lets no marker mark two stages, and puts every goal in a stage", () => {
    const all = FUNNEL_STAGES.flatMap((stage) => t.stages[stage].markers);
    for (const m of all)
      expect(
        all.filter((o) => sameMatch(o, m)),
        JSON.stringify(m),
      ).toHaveLength(1);
    expect(stageIndexOf(sector, macro[0].match)).toBe(FUNNEL_STAGES.indexOf("action"));
    for (const g of t.goals) expect(stageIndexOf(sector, g.match), g.key).toBeGreaterThan(0);
  });

  it("has a valid default funnel that crosses the stages and ends at the macro goal", () => {
    const { steps, windowSeconds } = t.funnel;
    expect(steps.length).toBeGreaterThanOrEqual(Math.max(3, MIN_STEPS));
    expect(steps.length).toBeLessThanOrEqual(Math.min(6, MAX_STEPS));
    steps.forEach(expectValidMatch);
    expect(sameMatch(steps[steps.length - 1], macro[0].match)).toBe(true);
    expect(windowSeconds).toBe(EXPECTED[sector].windowDays * DAY);
    expect(windowSeconds).toBeLessThanOrEqual(MAX_WINDOW_SECONDS);

    const stagesOfSteps = steps.map((s) => stageIndexOf(sector, s));
    expect(
      stagesOfSteps.every((i) => i >= 0),
      JSON.stringify(stagesOfSteps),
    ).toBe(true);
    expect(stagesOfSteps).toEqual([...stagesOfSteps].sort((a, b) => a - b));
    expect(stagesOfSteps[0]).toBeLessThanOrEqual(FUNNEL_STAGES.indexOf("interest"));
    expect(stagesOfSteps[stagesOfSteps.length - 1]).toBe(FUNNEL_STAGES.indexOf("action"));
  });

  it("passes the funnel editor's own validation in both languages", () => {
    for (const locale of ["en", "nl"] as const) {
      const setup = templateSetup(sector, locale);
      expect(definitionStepsSchema.safeParse(setup.funnels[0].steps).success).toBe(true);
    }
  });

  it("gives a project its funnel and goals in the chosen language", () => {
    const nl = templateSetup(sector, "nl");
    const en = templateSetup(sector, "en");
    expect(nl.funnels[0].name).toBe(t.funnel.name.nl);
    expect(en.funnels[0].windowSeconds).toBe(t.funnel.windowSeconds);
    expect(en.funnels[0].steps.map((s) => s.label)).toEqual(t.funnel.steps.map((s) => s.label.en));
    expect(nl.funnels[0].steps.map((s) => s.label)).toEqual(t.funnel.steps.map((s) => s.label.nl));
    expect(nl.goals.map((g) => [g.key, g.name, g.revenue])).toEqual(t.goals.map((g) => [g.key, g.name.nl, Boolean(g.revenue)]));
  });
});

describe("benchmark explanations", () => {
  const nl = makeTranslate(nlMessages, "nl");
  const en = makeTranslate(enMessages, "en");
  it.each(SECTORS)("%s: the reader's language, and in Dutch exactly the article's sentence", (sector) => {
    const b = TEMPLATES[sector].benchmark;
    const key = `conversions.benchmark.explanation.${sector}`;
    // A sector quoting a figure explains it in both catalogues; one without a figure has none.
    expect(en.has(key)).toBe(b.source !== null && b.rate !== null);
    expect(nl.has(key)).toBe(en.has(key));
    if (!b.source || b.rate === null) return;
    expect(nl(key as "conversions.benchmark.explanation.ecommerce", { rate: formatters("nl").percent(b.rate) })).toBe(b.source.quote);
    expect(en(key as "conversions.benchmark.explanation.ecommerce", { rate: formatters("en").percent(b.rate) })).toContain(
      formatters("en").percent(b.rate),
    );
  });
});
