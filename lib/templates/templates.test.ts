import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { TEMPLATES, templateSetup } from "./index";
import { SECTORS } from "../sectors";
import { FUNNEL_STAGES, MIN_STEPS, MAX_STEPS, MAX_WINDOW_SECONDS } from "../funnel/types";
import type { Localized } from "./types";

function localizedStrings(value: unknown, out: Localized[] = []): Localized[] {
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.en === "string" && typeof v.nl === "string") out.push(v as Localized);
    else for (const child of Object.values(v)) localizedStrings(child, out);
  }
  return out;
}

const seed = fs.readFileSync(path.resolve(__dirname, "../../../shared/seeds/conversie.txt"), "utf8");

describe.each(SECTORS)("template %s", (sector) => {
  const t = TEMPLATES[sector];

  it("is complete in English and Dutch", () => {
    const strings = localizedStrings(t);
    expect(strings.length).toBeGreaterThan(15);
    for (const s of strings) {
      expect(s.en.trim(), JSON.stringify(s)).not.toBe("");
      expect(s.nl.trim(), JSON.stringify(s)).not.toBe("");
    }
    const translated = strings.filter((s) => s.en !== s.nl).length;
    expect(translated / strings.length).toBeGreaterThan(0.75);
  });

  it("has one macro goal and at least two micro goals with unique keys", () => {
    expect(t.goals.filter((g) => g.kind === "macro")).toHaveLength(1);
    expect(t.goals.filter((g) => g.kind === "micro").length).toBeGreaterThanOrEqual(2);
    expect(new Set(t.goals.map((g) => g.key)).size).toBe(t.goals.length);
  });

  it("marks every stage and names its KPIs", () => {
    for (const stage of FUNNEL_STAGES) {
      expect(t.stages[stage].markers.length, stage).toBeGreaterThan(0);
      expect(t.stages[stage].kpis.length, stage).toBeGreaterThan(0);
    }
  });

  it("has a valid default funnel that ends at the macro goal", () => {
    const steps = t.funnel.steps;
    expect(steps.length).toBeGreaterThanOrEqual(MIN_STEPS);
    expect(steps.length).toBeLessThanOrEqual(MAX_STEPS);
    expect(t.funnel.windowSeconds).toBeGreaterThan(0);
    expect(t.funnel.windowSeconds).toBeLessThanOrEqual(MAX_WINDOW_SECONDS);
    for (const s of steps) {
      expect(s.event).toMatch(/^[a-z_]+$/);
      if (s.path) expect(s.path.startsWith("/")).toBe(true);
    }
    const macro = t.goals.find((g) => g.kind === "macro")!;
    const last = steps[steps.length - 1];
    expect({ event: last.event, path: last.path }).toEqual({ event: macro.match.event, path: macro.match.path });
  });

  it("quotes its benchmark from the article, or says there is none", () => {
    if (t.benchmark.rate === null) {
      expect(t.benchmark.source).toBeNull();
      expect(t.benchmark.label.en).toMatch(/no benchmark/);
    } else {
      expect(seed).toContain(t.benchmark.source!.quote);
      const percent = (t.benchmark.rate * 100).toFixed(2).replace(".", ",");
      expect(t.benchmark.source!.quote).toContain(percent + "%");
    }
  });

  it("has demo chances that land the macro rate near the benchmark (or 1–4 % without one)", () => {
    expect(t.demo.continue).toHaveLength(t.funnel.steps.length - 1);
    for (const p of t.demo.continue) expect(p > 0 && p <= 1).toBe(true);
    const overall = t.demo.continue.reduce((a, b) => a * b, 1);
    if (t.benchmark.rate) expect(Math.abs(overall - t.benchmark.rate)).toBeLessThan(0.003);
    else expect(overall > 0.01 && overall < 0.04).toBe(true);
  });

  it("gives a project its funnel and goals in the chosen language", () => {
    const nl = templateSetup(sector, "nl");
    const en = templateSetup(sector, "en");
    expect(nl.funnels[0].name).toBe(t.funnel.name.nl);
    expect(en.funnels[0].steps.map((s) => s.label)).toEqual(t.funnel.steps.map((s) => s.label.en));
    expect(nl.goals.map((g) => g.key)).toEqual(t.goals.map((g) => g.key));
  });
});

describe("benchmarks from the article", () => {
  it("e-commerce NL is 2.63 % with 1–3 % solid; recruitment vacancy → application is 3.76 %", () => {
    expect(TEMPLATES.ecommerce.benchmark.rate).toBe(0.0263);
    expect(TEMPLATES.ecommerce.benchmark.solidRange).toEqual([0.01, 0.03]);
    expect(TEMPLATES.recruitment.benchmark.rate).toBe(0.0376);
  });
});
