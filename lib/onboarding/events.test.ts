import { describe, it, expect } from "vitest";
import { neededEvents, trackLine } from "./events";
import { TEMPLATES } from "../templates";

describe("the events a new project needs", () => {
  it("lists hospitality's availability check and reservation, not page views, once each", () => {
    const t = TEMPLATES.hospitality;
    const events = neededEvents(
      t.funnel.steps,
      t.goals.map((g) => ({ match: g.match, revenue: Boolean(g.revenue) })),
    );
    expect(events.map((e) => e.event)).toEqual(["availability_check", "reservation", "newsletter_signup"]);
    expect(events.map(trackLine)).toEqual([
      'trechter.track("availability_check");',
      'trechter.track("reservation");',
      'trechter.track("newsletter_signup");',
    ]);
  });

  it("gives a revenue goal's event an example amount, and keeps the properties a step matches on", () => {
    const events = neededEvents(
      [{ event: "signup", where: { plan: "pro", trial: true } }],
      [
        { match: { event: "purchase" }, revenue: true },
        { match: { event: "signup" }, revenue: false },
      ],
    );
    expect(events.map(trackLine)).toEqual([
      'trechter.track("signup", { plan: "pro", trial: true });',
      'trechter.track("purchase", { revenue: 59.95 });',
    ]);
  });

  it("leaves out disabled goals and quotes property names that are not identifiers", () => {
    const events = neededEvents(
      [],
      [
        { match: { event: "lead" }, revenue: false, enabled: false },
        { match: { event: "quote", where: { "form-id": 3 } }, revenue: false, enabled: true },
      ],
    );
    expect(events.map(trackLine)).toEqual(['trechter.track("quote", { "form-id": 3 });']);
  });
});
