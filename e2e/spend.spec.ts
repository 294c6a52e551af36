import { test, expect } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

const localDay = (offset: number) => {
  const d = new Date(Date.now() + offset * 86400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
};

test("ad spend by form and CSV, costs on the conversions page, and the spend page in Dutch", async ({ page }) => {
  test.setTimeout(180_000);
  const projectId = await signUpWithDemoProject(page, { teamName: "Bureau Kosten", project: "Fietsenwinkel" });
  await page.getByRole("link", { name: "Ad spend" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/spend`));
  await expect(page.getByTestId("spend-empty")).toBeVisible();

  // The form: a bad amount is refused beside its field, a good one is listed.
  const form = page.getByTestId("spend-form");
  await form.getByLabel("Date").fill(localDay(-3));
  await form.getByLabel("Source").fill("Google");
  await form.getByLabel(/^Medium/).fill("cpc");
  await form.getByLabel("Amount (€)").fill("1,234.567");
  await page.getByTestId("spend-add").click();
  await expect(page.getByTestId("error-amount")).toHaveText("Use at most 2 decimals.");
  await form.getByLabel("Amount (€)").fill("250,00");
  await page.getByTestId("spend-add").click();
  await expect(page.getByTestId("spend-status")).toHaveText("Spend saved.");
  await expect(page.locator("[data-testid=spend-row][data-source=google]")).toContainText("€250.00");

  // The upload: two good rows kept, two bad rows reported with their line numbers.
  const csv = [
    "date;source;medium;campaign;amount",
    `${localDay(-2)};google;cpc;;"1.000,50"`,
    `${localDay(-1)};bing;cpc;;12`,
    "2026-02-30;google;cpc;;5",
    `${localDay(-1)};facebook;social;;-3`,
  ].join("\r\n");
  await page.getByTestId("spend-file").setInputFiles({ name: "spend.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + csv) });
  await page.getByTestId("spend-upload-submit").click();
  await expect(page.getByTestId("spend-imported")).toHaveText("2 rows imported.");
  const errors = page.getByTestId("spend-upload-error");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveText('Line 4: "2026-02-30" is not a date in the calendar.');
  await expect(errors.nth(1)).toHaveText('Line 5: The amount must be more than 0 (it is "-3").');
  await expect(page.locator("[data-testid=spend-row][data-source=google]")).toHaveCount(2);
  await expect(page.locator("[data-testid=spend-row][data-source=bing]")).toContainText("€12.00");
  await expect(page.getByTestId("spend-total")).toHaveText("€1,262.50");

  // The conversions page: the source table shows what google's spend bought, and the summary totals it.
  await page.getByRole("link", { name: "Conversions" }).click();
  await expect(page.getByTestId("spend-summary")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("spend-spend")).toHaveText("€1,262.50");
  await expect(page.getByTestId("spend-cpa")).toHaveText(/^€[\d,]+\.\d{2}$/);
  await expect(page.getByTestId("spend-roas")).toHaveText(/^[\d.,]+×$/);
  const google = page.locator("[data-testid=segment-row][data-value=google]");
  await expect(google.getByTestId("cost-spend")).toHaveText("€1,250.50");
  await expect(google.getByTestId("cost-per-visitor")).toHaveText(/^€\d+\.\d{2}$/);
  await expect(google.getByTestId("cost-per-acquisition")).toHaveText(/^€[\d,]+\.\d{2}$/);
  await expect(page.locator("[data-testid=segment-row][data-value=facebook] [data-testid=cost-spend]")).toHaveText("–");
  // Another lead goal changes the cost per lead, and the URL keeps it.
  const cpl = await page.getByTestId("spend-cpl").innerText();
  await page.getByTestId("spend-lead-goal").selectOption("account_created");
  await expect(page).toHaveURL(/lead=account_created/);
  await expect(page.getByTestId("spend-cpl")).not.toHaveText(cpl);

  // The funnel broken down by source: google's spend per visitor who entered and who completed.
  await page.goto(`/projects/${projectId}?breakdown=source`);
  const funnelGoogle = page.locator("[data-testid=funnel-cost-row][data-value=google]");
  await expect(funnelGoogle.getByTestId("funnel-cost-entered")).toHaveText(/^€\d+\.\d{2}$/, { timeout: 30_000 });
  await expect(funnelGoogle.getByTestId("funnel-cost-converted")).toHaveText(/^€[\d,]+\.\d{2}$/);
  await page.goto(`/projects/${projectId}?breakdown=device`);
  await expect(page.getByTestId("stat-entered")).not.toHaveText("0", { timeout: 30_000 });
  await expect(page.getByTestId("funnel-costs")).toHaveCount(0);

  // The spend page in Dutch: labels, money and month names for the locale.
  await page.locator("[data-testid=locale-nl]:visible").click();
  await page.getByRole("link", { name: "Uitgaven" }).click();
  await expect(page.getByRole("heading", { name: "Advertentie-uitgaven" })).toBeVisible();
  await expect(page.getByTestId("spend-total")).toHaveText(/^€\s?1\.262,50$/);
  await expect(page.getByTestId("spend-form").getByLabel("Bron")).toBeVisible();
  await page.getByTestId("spend-period-month").check();
  await page.getByTestId("spend-form").locator("input[name=date]").fill(localDay(0).slice(0, 7));
  await page.getByTestId("spend-form").getByLabel("Bron").fill("nieuwsbrief");
  await page.getByTestId("spend-form").getByLabel("Bedrag (€)").fill("");
  await page.getByTestId("spend-add").click();
  await expect(page.getByTestId("error-amount")).toHaveText("Vul een getal in.");
  // Typed the Dutch way: "1.300,5" is 1300.50, shown back as "1300,5" and saved as € 1.300,50.
  await page.getByTestId("spend-form").getByLabel("Bedrag (€)").fill("1.300,5");
  await page.getByTestId("spend-form").getByLabel("Bedrag (€)").blur();
  await expect(page.getByTestId("spend-form").getByLabel("Bedrag (€)")).toHaveValue("1300,5");
  await page.getByTestId("spend-add").click();
  await expect(page.getByTestId("spend-status")).toHaveText("Uitgave opgeslagen.");
  await expect(page.locator("[data-testid=spend-row][data-source=nieuwsbrief]")).toContainText("(maand)");
  await expect(page.locator("[data-testid=spend-row][data-source=nieuwsbrief]")).toContainText(/1\.300,50/);

  // A Dutch file (Dutch column names) with mistakes: every problem in Dutch, none in English.
  const dutchCsv = [
    "datum;bron;medium;campagne;bedrag",
    `${localDay(-4)};google;cpc;;1.234`,
    "31-02-2026;google;cpc;;5",
    `${localDay(-4)};linkedin;cpc;;7,5`,
  ].join("\n");
  await page.getByTestId("spend-file").setInputFiles({ name: "uitgaven.csv", mimeType: "text/csv", buffer: Buffer.from(dutchCsv) });
  await page.getByTestId("spend-upload-submit").click();
  await expect(page.getByTestId("spend-imported")).toHaveText("1 regel geïmporteerd.");
  const dutchErrors = page.getByTestId("spend-upload-error");
  await expect(dutchErrors).toHaveText([
    'Regel 2: Het bedrag "1.234" is dubbelzinnig: schrijf 1234 of 1234,00 (of 1.234,00).',
    'Regel 3: "31-02-2026" is geen datum die in de kalender staat.',
  ]);
  await page
    .getByTestId("spend-file")
    .setInputFiles({ name: "fout.csv", mimeType: "text/csv", buffer: Buffer.from("dag;bron;bedrag\n2026-03-01;google;5\n") });
  await page.getByTestId("spend-upload-submit").click();
  // The list is replaced by this file's one problem (an array: it waits for the new list, not the previous file's).
  await expect(page.getByTestId("spend-upload-error")).toHaveText([
    "Regel 1: De eerste regel moet de kolommen noemen (datum, bron, medium, campagne, bedrag); er ontbreekt: datum.",
  ]);
  // Deleting an entry (the bing one) takes it out of the list and the total.
  page.once("dialog", (d) => d.accept());
  await page.locator("[data-testid=spend-row][data-source=bing]").getByTestId("spend-delete").click();
  await expect(page.locator("[data-testid=spend-row][data-source=bing]")).toHaveCount(0);
  await expect(page.getByTestId("spend-status")).toHaveText("Uitgave verwijderd.");
});
