import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { test, expect } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

// The dashboards page's "Download PDF": the dashboard as an A4 PDF in the reader's language (server/pdf/dashboard.ts).
for (const lang of ["en", "nl"] as const) {
  const w =
    lang === "en"
      ? { button: "Download PDF", period: "Period: ", page: "Page 1 of", rate: "Conversion rate" }
      : { button: "PDF downloaden", period: "Periode: ", page: "Pagina 1 van", rate: "Conversieratio" };

  test(`a member downloads a dashboard as a PDF (${lang})`, async ({ page }) => {
    test.setTimeout(240_000);
    const projectId = await signUpWithDemoProject(page, { project: "Fietsenwinkel" });
    if (lang === "nl") {
      await page.locator("[data-testid=locale-nl]:visible").click();
      await expect(page.getByRole("link", { name: "Conversies" })).toBeVisible();
    }
    await page.goto(`/projects/${projectId}/dashboards`);
    await page.getByTestId("dashboard-new-name").fill("Maandoverleg");
    await page.getByTestId("dashboard-create").click();
    await expect(page.getByTestId("dashboard-name")).toHaveText("Maandoverleg");
    // No tiles: nothing to print, so no button.
    await expect(page.getByTestId("dashboard-pdf")).toHaveCount(0);
    await page.getByTestId("tile-kind").selectOption("funnel");
    await page.getByTestId("add-tile-submit").click();
    await expect(page.getByTestId("tile")).toHaveCount(1);
    await page.getByTestId("tile-kind").selectOption("note");
    await page.getByTestId("tile-text").fill("Kerstcampagne loopt");
    await page.getByTestId("add-tile-submit").click();
    await expect(page.getByTestId("tile")).toHaveCount(2);

    await expect(page.getByTestId("dashboard-pdf")).toHaveText(w.button);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("dashboard-pdf").click()]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-dashboard-pdf-")), download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe("Fietsenwinkel-Maandoverleg.pdf");
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Fietsenwinkel · Maandoverleg");
    expect(text).toContain(w.period);
    expect(text).toContain(w.page);
    expect(text).toContain(w.rate);
    expect(text).toContain("Kerstcampagne loopt");
  });
}
