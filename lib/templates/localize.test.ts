import { describe, it, expect } from "vitest";
import { TEMPLATES, DEMO_CONTENT, templateSetup, localizeTemplateNames } from "./index";
import { SECTORS } from "../sectors";
import { LOCALES } from "../i18n/locales";

const draftIn = (sector: (typeof SECTORS)[number], locale: "en" | "nl") => {
  const setup = templateSetup(sector, locale);
  return {
    funnelName: setup.funnels[0].name,
    steps: setup.funnels[0].steps,
    goals: setup.goals.map((g) => ({ ...g, enabled: true })),
  };
};

describe("template content in the creator's language", () => {
  it.each(SECTORS)("%s: a draft picked in English is created in Dutch for a Dutch creator, and back", (sector) => {
    const t = TEMPLATES[sector];
    const nl = localizeTemplateNames(draftIn(sector, "en"), t, "nl");
    expect(nl.funnelName).toBe(t.funnel.name.nl);
    expect(nl.steps.map((s) => s.label)).toEqual(t.funnel.steps.map((s) => s.label.nl));
    expect(nl.goals.map((g) => g.name)).toEqual(t.goals.map((g) => g.name.nl));
    // Nothing but the names changes: events, paths and keys are the template's.
    expect(nl.steps.map((s) => [s.event, s.path])).toEqual(t.funnel.steps.map((s) => [s.event, s.path]));
    expect(localizeTemplateNames(nl, t, "en")).toEqual(draftIn(sector, "en"));
  });

  it("keeps what the person typed", () => {
    const t = TEMPLATES.hospitality;
    const draft = draftIn("hospitality", "en");
    draft.funnelName = "Onze reserveringen";
    draft.steps[0] = { ...draft.steps[0], label: "Op de site" };
    draft.goals[1] = { ...draft.goals[1], name: "Kaart gezien" };
    const nl = localizeTemplateNames(draft, t, "nl");
    expect(nl.funnelName).toBe("Onze reserveringen");
    expect(nl.steps[0].label).toBe("Op de site");
    expect(nl.steps[3].label).toBe("Reservering gemaakt");
    expect(nl.goals[1].name).toBe("Kaart gezien");
    expect(nl.goals[0].name).toBe("Reservering of boeking");
  });

  it("has the demo's own names (team, project, A/B test) in every language, and different ones in Dutch", () => {
    for (const text of Object.values(DEMO_CONTENT)) for (const l of LOCALES) expect(text[l].trim()).not.toBe("");
    expect(DEMO_CONTENT.experiment.nl).not.toBe(DEMO_CONTENT.experiment.en);
    expect(DEMO_CONTENT.team.nl).not.toBe(DEMO_CONTENT.team.en);
  });
});
