import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

/** The text of a downloaded PDF (pdftotext from poppler-utils). */
function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

async function downloadPdf(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("pdf-download").click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-pdf-")), download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  return pdfText(file);
}

for (const lang of ["en", "nl"] as const) {
  const w =
    lang === "en"
      ? {
          link: "Schedules and alerts",
          noRecipients: "Choose at least one member or enter an address.",
          badAddress: "Enter valid e-mail addresses, one per line (at most 50).",
          created: /^Scheduled\. The first one goes out /,
          weekly: "Weekly (the 7 days before) · Monday · 08:00",
          alertName: "Purchases under 2.5%",
          threshold: "2.5",
          below: "below 2.50%",
          alertCreated: "Alert added. It is checked within the hour.",
          noName: "Give the alert a name (at most 100 characters).",
          pdfRate: "Conversion rate",
          page: "Page 1 of",
        }
      : {
          link: "Schema's en waarschuwingen",
          noRecipients: "Kies minstens één lid of vul een adres in.",
          badAddress: "Vul geldige e-mailadressen in, één per regel (hoogstens 50).",
          created: /^Ingepland\. De eerste gaat /,
          weekly: "Wekelijks (de 7 dagen ervoor) · maandag · 08:00",
          alertName: "Aankopen onder 2,5%",
          threshold: "2,5",
          below: "onder 2,50%",
          alertCreated: "Waarschuwing toegevoegd. Ze wordt binnen het uur gecontroleerd.",
          noName: "Geef de waarschuwing een naam (hoogstens 100 tekens).",
          pdfRate: "Conversieratio",
          page: "Pagina 1 van",
        };

  test(`an admin schedules a weekly report, adds an alert and downloads a PDF (${lang})`, async ({ page }) => {
    test.setTimeout(240_000);
    const projectId = await signUpWithDemoProject(page, { project: "Fietsenwinkel" });
    if (lang === "nl") {
      await page.locator("[data-testid=locale-nl]:visible").click();
      await expect(page.getByRole("link", { name: "Conversies" })).toBeVisible();
    }

    // The funnel page's PDF: the report with its period and the reader's words on its pages.
    const funnelPdf = await downloadPdf(page);
    expect(funnelPdf).toContain("Fietsenwinkel");
    expect(funnelPdf).toContain(w.pdfRate);
    expect(funnelPdf).toContain(w.page);
    // The conversions overview's too.
    await page.goto(`/projects/${projectId}/conversions`);
    expect(await downloadPdf(page)).toContain(w.pdfRate);

    await page.goto(`/projects/${projectId}/settings`);
    await page.getByTestId("reports-link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.link);

    // A schedule without recipients, then with a wrong address: each problem beside its field.
    const form = page.getByTestId("schedule-form");
    await form.getByTestId("schedule-create").click();
    await expect(page.getByTestId("error-recipients")).toHaveText(w.noRecipients);
    await form.getByTestId("schedule-outside").fill("klant@example");
    await form.getByTestId("schedule-create").click();
    await expect(page.getByTestId("error-outside")).toHaveText(w.badAddress);
    await form.getByTestId("schedule-outside").fill("klant@example.com");
    await form.locator("input[type=checkbox]").first().check();
    await form.getByTestId("schedule-create").click();
    await expect(page.getByTestId("schedule-created")).toHaveText(w.created);
    const item = page.getByTestId("schedule-item");
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(w.weekly);
    await expect(item).toContainText("klant@example.com (nl)");

    // An alert: a name is required; the rate is typed the reader's way.
    const alertForm = page.getByTestId("alert-form");
    await alertForm.getByTestId("alert-threshold").fill(w.threshold);
    await alertForm.locator("input[type=checkbox]").first().check();
    await alertForm.getByTestId("alert-create").click();
    await expect(page.getByTestId("error-name")).toHaveText(w.noName);
    await alertForm.locator("input[name=name]").fill(w.alertName);
    await alertForm.getByTestId("alert-create").click();
    await expect(page.getByTestId("alert-created")).toHaveText(w.alertCreated);
    await expect(page.getByTestId("alert-item")).toContainText(w.alertName);
    await expect(page.getByTestId("alert-item")).toContainText(w.below);

    // Both survive a reload; the page is as wide as a phone at 360 px.
    await page.reload();
    await expect(page.getByTestId("schedule-item")).toHaveCount(1);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
}
