import crypto from "node:crypto";
import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject, signUpFromInvite, uniqueEmail } from "./helpers";
import { actionIds, callAction } from "./actions";
import { startSmtpServer } from "../tests/smtp";
import { E2E_SMTP_PORT } from "../playwright.config";

/**
 * The schedules-and-alerts page end to end, in English and in Dutch: an admin schedules weekly
 * digests of a funnel and of a dashboard (a member and an outside address), sees them listed with
 * their next send and history, pauses, resumes and deletes them; bad input is refused beside its
 * field; alerts are added, one fires (its mail arrives through a real SMTP server) and shows on the
 * project page. A viewer gets neither form, and the server actions refuse them.
 */

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
test.beforeAll(async () => {
  smtp = await startSmtpServer({ port: E2E_SMTP_PORT });
});
test.afterAll(() => smtp.close());

const SHOTS = "test-results/schedules";
async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function noSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page scrolls sideways").toBeLessThanOrEqual(390);
}

const ACTIONS = "app/(app)/projects/[projectId]/settings/reports/actions.ts";

const words = {
  en: {
    badAddress: "Enter valid e-mail addresses, one per line (at most 50).",
    noWeekday: "Choose a day of the week.",
    created: /^Scheduled\. The first one goes out on Wednesday,? \d+ \w+ \d{4} at 08:00\.$/,
    funnelTitle: /^Funnel: /,
    dashboardTitle: "Dashboard: Client weekly",
    wednesday: "Weekly (the 7 days before) · Wednesday · 08:00",
    friday: "Weekly (the 7 days before) · Friday · 08:00",
    nextFriday: /^Next: Friday,? \d+ \w+ \d{4} at 08:00$/,
    noHistory: "Nothing sent yet.",
    paused: "Paused",
    pausedNext: "Paused: nothing is sent until it is resumed.",
    pause: "Pause",
    resume: "Resume",
    delete: "Delete",
    empty: "No scheduled reports yet.",
    noAlerts: "No alerts yet.",
    noName: "Give the alert a name (at most 100 characters).",
    belowName: "Purchases under 50%",
    quietName: "Shop silent",
    threshold: "50",
    alertCreated: "Alert added. It is checked within the hour.",
    firing: /Firing since \d/,
    quiet: "Not firing",
    openTitle: "Open alerts",
    mailSubject: "Alert: Purchases under 50%",
    adminsOnly: "Only admins manage schedules and alerts.",
  },
  nl: {
    badAddress: "Vul geldige e-mailadressen in, één per regel (hoogstens 50).",
    noWeekday: "Kies een dag van de week.",
    created: /^Ingepland\. De eerste gaat woensdag \d+ \w+ \d{4} om 08:00 de deur uit\.$/,
    funnelTitle: /^Trechter: /,
    dashboardTitle: "Dashboard: Client weekly",
    wednesday: "Wekelijks (de 7 dagen ervoor) · woensdag · 08:00",
    friday: "Wekelijks (de 7 dagen ervoor) · vrijdag · 08:00",
    nextFriday: /^Volgende: vrijdag \d+ \w+ \d{4} om 08:00$/,
    noHistory: "Nog niets verstuurd.",
    paused: "Gepauzeerd",
    pausedNext: "Gepauzeerd: er wordt niets verstuurd tot het wordt hervat.",
    pause: "Pauzeren",
    resume: "Hervatten",
    delete: "Verwijderen",
    empty: "Nog geen geplande rapporten.",
    noAlerts: "Nog geen waarschuwingen.",
    noName: "Geef de waarschuwing een naam (hoogstens 100 tekens).",
    belowName: "Aankopen onder 50%",
    quietName: "Winkel stil",
    threshold: "50",
    alertCreated: "Waarschuwing toegevoegd. Ze wordt binnen het uur gecontroleerd.",
    firing: /Gaat af sinds \d/,
    quiet: "Gaat niet af",
    openTitle: "Actieve waarschuwingen",
    mailSubject: "Waarschuwing: Aankopen onder 50%",
    adminsOnly: "Alleen beheerders beheren schema's en waarschuwingen.",
  },
} as const;

for (const lang of ["en", "nl"] as const) {
  const w = words[lang];

  test(`an admin schedules, pauses and deletes weekly digests and adds alerts that fire; a viewer cannot (${lang})`, async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(300_000);
    const ownerEmail = uniqueEmail("digest-admin");
    const projectId = await signUpWithDemoProject(page, { teamName: `Bureau Schema ${lang}`, project: "Fietsenwinkel", email: ownerEmail });

    // A viewer of the team, invited while the admin still reads English.
    await page.goto("/team");
    await page.getByLabel("Email address").fill(uniqueEmail("digest-viewer"));
    await page.getByLabel("Role").selectOption("viewer");
    await page.getByRole("button", { name: "Create invite link" }).click();
    const invite = await page.getByTestId("invite-link").inputValue();

    // A dashboard to schedule.
    await page.goto(`/projects/${projectId}/dashboards`);
    await page.getByTestId("dashboard-new-name").fill("Client weekly");
    await page.getByTestId("dashboard-create").click();
    await expect(page).toHaveURL(/\?d=[0-9a-f-]{36}$/);
    const dashboardId = new URL(page.url()).searchParams.get("d")!;
    if (lang === "nl") {
      await page.locator("[data-testid=locale-nl]:visible").click();
      await expect(page.getByRole("link", { name: "Conversies" })).toBeVisible();
    }

    await page.goto(`/projects/${projectId}/settings/reports`);
    await expect(page.getByTestId("schedules-empty")).toHaveText(w.empty);
    await expect(page.getByTestId("alerts-empty")).toHaveText(w.noAlerts);
    const form = page.getByTestId("schedule-form");
    await form.getByRole("checkbox", { name: new RegExp(ownerEmail.replace(/[.+]/g, "\\$&")) }).check();

    // A bad address is refused beside the address field; then a weekly one without its day beside the day.
    await page.getByTestId("schedule-outside").fill("klant@fietsen.example\nnot-an-address");
    await page.getByTestId("schedule-create").click();
    await expect(page.getByTestId("error-outside")).toHaveText(w.badAddress);
    await expect(page.getByTestId("schedule-outside")).toHaveAttribute("aria-invalid", "true");
    await page.getByTestId("schedule-outside").fill("klant@fietsen.example");
    await page.getByTestId("schedule-create").click();
    await expect(page.getByTestId("error-weekday")).toHaveText(w.noWeekday);
    await expect(page.getByTestId("error-outside")).toHaveCount(0);
    await expect(page.getByTestId("schedule-item")).toHaveCount(0);

    // The funnel, weekly on Wednesday.
    await page.getByTestId("schedule-weekday").selectOption("3");
    await page.getByTestId("schedule-create").click();
    await expect(page.getByTestId("schedule-created")).toHaveText(w.created);
    await expect(page.getByTestId("schedule-item")).toHaveCount(1);

    // The dashboard, weekly on Friday, to the same two.
    await page.getByTestId("schedule-report").selectOption(`dashboard:${dashboardId}`);
    await page.getByTestId("schedule-weekday").selectOption("5");
    await page.getByTestId("schedule-outside").fill("klant@fietsen.example");
    await page.getByTestId("schedule-create").click();
    await expect(page.getByTestId("schedule-item")).toHaveCount(2);

    // Listed newest first, each with when, the next send in the project's zone, its recipients and an empty history.
    const [dash, funnel] = [page.getByTestId("schedule-item").nth(0), page.getByTestId("schedule-item").nth(1)];
    await expect(dash.getByTestId("schedule-title")).toHaveText(w.dashboardTitle);
    await expect(dash.getByTestId("schedule-when")).toHaveText(w.friday);
    await expect(dash.getByTestId("schedule-next")).toHaveText(w.nextFriday);
    await expect(dash).toContainText("klant@fietsen.example (nl)");
    await expect(dash).toContainText(ownerEmail);
    await expect(funnel.getByTestId("schedule-title")).toHaveText(w.funnelTitle);
    await expect(funnel.getByTestId("schedule-when")).toHaveText(w.wednesday);
    await funnel.getByTestId("schedule-history").click();
    await expect(funnel.getByTestId("schedule-no-history")).toHaveText(w.noHistory);

    // Pause the dashboard's (kept after a reload), resume it, delete the funnel's.
    await dash.getByTestId("schedule-pause").click();
    await expect(dash).toHaveAttribute("data-paused", "true");
    await expect(dash.getByTestId("schedule-next")).toHaveText(w.pausedNext);
    await expect(dash.getByTestId("schedule-title")).toContainText(w.paused);
    await page.reload();
    await expect(dash).toHaveAttribute("data-paused", "true");
    await expect(dash.getByTestId("schedule-pause")).toHaveText(w.resume);
    await dash.getByTestId("schedule-pause").click();
    await expect(dash).toHaveAttribute("data-paused", "false");
    await expect(dash.getByTestId("schedule-next")).toHaveText(w.nextFriday);
    await expect(dash.getByTestId("schedule-pause")).toHaveText(w.pause);
    await funnel.getByTestId("schedule-delete").click();
    await page.getByTestId("schedule-delete-dialog").getByRole("button", { name: w.delete }).click();
    await expect(page.getByTestId("schedule-item")).toHaveCount(1);
    await expect(page.getByTestId("schedule-title")).toHaveText(w.dashboardTitle);

    // Alerts: a name is required (beside its field); the purchase rate below 50 % (it is far lower,
    // so it fires) and no events for 6 hours (the demo's events just arrived, so it stays quiet).
    const alertForm = page.getByTestId("alert-form");
    await page.getByTestId("alert-create").click();
    await expect(alertForm.getByText(w.noName)).toBeVisible();
    await alertForm.getByRole("textbox").first().fill(w.belowName);
    await page.getByTestId("alert-target").selectOption("goal:purchase");
    await page.getByTestId("alert-condition").selectOption("below");
    await page.getByTestId("alert-threshold").fill(w.threshold);
    await alertForm.getByRole("checkbox", { name: new RegExp(ownerEmail.replace(/[.+]/g, "\\$&")) }).check();
    await page.getByTestId("alert-create").click();
    await expect(page.getByTestId("alert-created")).toHaveText(w.alertCreated);
    await alertForm.getByRole("textbox").first().fill(w.quietName);
    await page.getByTestId("alert-condition").selectOption("no_events");
    await page.getByTestId("alert-hours").fill("6");
    await page.getByTestId("alert-create").click();
    await expect(page.getByTestId("alert-item")).toHaveCount(2);

    // The scheduler checks new rules within its next tick: the first fires (once, by mail), the second stays quiet.
    const mailed = smtp.received.length;
    await expect
      .poll(
        async () => {
          await page.goto(`/projects/${projectId}`);
          return page.getByTestId("open-alerts").count();
        },
        { timeout: 120_000, intervals: [5_000] },
      )
      .toBe(1);
    const open = page.getByTestId("open-alerts");
    await expect(open.getByRole("heading")).toHaveText(w.openTitle);
    await expect(open).toContainText(w.belowName);
    await expect(open).not.toContainText(w.quietName);
    await expect.poll(() => smtp.received.slice(mailed).filter((m) => m.to.includes(ownerEmail)).length, { timeout: 30_000 }).toBe(1);
    const mail = smtp.received.slice(mailed).find((m) => m.to.includes(ownerEmail))!;
    expect(mail.subject).toBe(w.mailSubject);
    await page.goto(`/projects/${projectId}/settings/reports`);
    const items = page.getByTestId("alert-item");
    await expect(items.filter({ hasText: w.belowName })).toHaveAttribute("data-open", "true");
    await expect(items.filter({ hasText: w.belowName })).toContainText(w.firing);
    await expect(items.filter({ hasText: w.quietName })).toContainText(w.quiet);
    await shot(page, `desktop-${lang}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByTestId("schedule-item")).toHaveCount(1);
    await noSidewaysScroll(page);
    await shot(page, `phone-${lang}`);
    await page.goto(`/projects/${projectId}`);
    await expect(page.getByTestId("open-alerts")).toBeVisible();
    await noSidewaysScroll(page);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The viewer: no forms, and the actions refuse them (nothing is added).
    const vctx = await browser.newContext({ locale: lang === "nl" ? "nl-NL" : "en-GB" });
    const viewer = await vctx.newPage();
    await signUpFromInvite(viewer, invite, { name: "Vera Viewer" });
    if (lang === "nl") await viewer.locator("[data-testid=locale-nl]:visible").click();
    await viewer.goto(`/projects/${projectId}/settings/reports`);
    await expect(viewer.getByText(w.adminsOnly)).toBeVisible();
    for (const id of ["schedule-form", "alert-form", "schedule-item", "alert-item", "schedule-pause"])
      await expect(viewer.getByTestId(id)).toHaveCount(0);
    const ids = actionIds();
    const digest = await callAction(viewer.request, baseURL!, ids.get(`${ACTIONS}#createDigestAction`)!, [
      projectId,
      {
        report: "dashboard",
        dashboardId,
        frequency: "weekly",
        weekday: 1,
        hour: 8,
        outside: [{ email: "x@fietsen.example", locale: "en" }],
      },
    ]);
    expect(digest.value).toEqual({ ok: false, error: { code: "forbidden" } });
    const alert = await callAction(viewer.request, baseURL!, ids.get(`${ACTIONS}#createAlertAction`)!, [
      projectId,
      { name: "Sneaky", target: "goal", goalKey: "purchase", condition: "below", thresholdPercent: 1, recipients: [crypto.randomUUID()] },
    ]);
    expect(alert.value).toEqual({ ok: false, error: { code: "forbidden" } });
    await vctx.close();
    await page.goto(`/projects/${projectId}/settings/reports`);
    await expect(page.getByTestId("schedule-item")).toHaveCount(1);
    await expect(page.getByTestId("alert-item")).toHaveCount(2);
  });
}
