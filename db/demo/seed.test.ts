import { it, expect, beforeAll } from "vitest";
import { max, eq } from "drizzle-orm";
import { describeEachDb } from "../../tests/db";
import { createAccount } from "../accounts";
import { teamScopeForUser, type TeamScope } from "../tenant";
import { createProject } from "../projects";
import { listFunnels } from "../funnels";
import { listGoals } from "../goals";
import { listExperiments } from "../experiments";
import { events } from "../schema";
import { templateSetup, TEMPLATES } from "../../lib/templates";
import { seedDemoData, demoEnd } from "./seed";
import { operatorLocale } from "./account";

describeEachDb("demo data", (db) => {
  let team: TeamScope;
  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "Sanne", email: "sanne@demo-seed.nl", password: "long enough pw" });
    team = (await teamScopeForUser(db(), user.id))!;
  });

  it("ends now: no event after the moment it was loaded", async () => {
    const { project } = await createProject(team, { name: "Fietsen", sector: "ecommerce" }, templateSetup("ecommerce", "en"));
    const scope = await team.project(project.id);
    const before = Date.now();
    await seedDemoData(scope, { visitors: 1500, days: 7 });
    const after = Date.now();
    const [{ last }] = await db()
      .select({ last: max(events.time) })
      .from(events)
      .where(eq(events.projectId, project.id));
    expect(last).not.toBeNull();
    expect(new Date(last!).getTime()).toBeLessThanOrEqual(after);
    // demoEnd is the moment itself, not the end of the day.
    expect(demoEnd(new Date(before)).getTime()).toBe(before);
  });

  it("names its funnel, goals and A/B test in the language of the person who loads it (Dutch)", async () => {
    const { project } = await createProject(team, { name: "Winkel", sector: "ecommerce" }, templateSetup("ecommerce", "nl"));
    const scope = await team.project(project.id);
    await seedDemoData(scope, { visitors: 300, days: 30, locale: "nl" });
    const t = TEMPLATES.ecommerce;
    expect((await listFunnels(scope)).map((f) => f.name)).toEqual([t.funnel.name.nl]);
    expect((await listGoals(scope)).map((g) => g.name).sort()).toEqual(t.goals.map((g) => g.name.nl).sort());
    expect((await listExperiments(scope)).map((e) => e.name)).toEqual(["Nieuwe afrekenpagina"]);
  });
});

it("takes the operator's language for the start-up demo from the locale variables", () => {
  expect(operatorLocale({ LANG: "nl_NL.UTF-8" })).toBe("nl");
  expect(operatorLocale({ LANG: "en_US.UTF-8", LC_ALL: "nl_BE.UTF-8" })).toBe("nl");
  expect(operatorLocale({ LANG: "nl_NL.UTF-8", LC_ALL: "C" })).toBe("en");
  expect(operatorLocale({ LANG: "nds_DE" })).toBe("en");
  expect(operatorLocale({})).toBe("en");
});
