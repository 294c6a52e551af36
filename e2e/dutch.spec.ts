import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

/** Nothing of the English catalogue's error wording, nor Next's own English 404, may show on a Dutch page. */
async function noEnglish(page: Page) {
  const text = await page.locator("body").innerText();
  for (const english of ["could not be found", "A path pattern", "Step 1", "is ambiguous", "Enter a number", "visitors"])
    expect(text, `"${english}" on a Dutch page`).not.toContain(english);
}

test("Dutch all the way: 404s, funnel editor problems, numbers typed the Dutch way and a CSV for Dutch Excel", async ({ page }) => {
  test.setTimeout(180_000);
  const projectId = await signUpWithDemoProject(page, { teamName: "Bureau Nederlands", project: "Fietsenwinkel" });
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("link", { name: "Conversies" })).toBeVisible();

  // A project that does not exist (or is another team's), signed in: the app's 404, in Dutch, with the way back.
  const missing = await page.goto("/projects/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Pagina niet gevonden");
  await expect(page.getByTestId("not-found-link")).toHaveText("Naar je projecten");
  await noEnglish(page);
  // An address the app does not have at all: the same words, not Next's English page.
  expect((await page.goto("/dit-bestaat-niet"))?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Pagina niet gevonden");
  await noEnglish(page);

  // The funnel editor says what is wrong in Dutch once the field is left, then live as it is corrected,
  // and the window takes "1,5" as one and a half.
  await page.goto(`/projects/${projectId}`);
  await page.getByTestId("edit-funnel").click();
  const step1 = page.getByTestId("editor-step-1");
  await step1.getByLabel("Paginapad (* = alles)").fill("product");
  await expect(page.getByTestId("editor-error")).toHaveCount(0);
  await step1.getByLabel("Paginapad (* = alles)").blur();
  await expect(page.getByTestId("editor-error")).toHaveText("Stap 1: Een padpatroon begint met / (gebruik * als joker, zoals /product/*).");
  await step1.getByLabel("Paginapad (* = alles)").fill("/product/*");
  await expect(page.getByTestId("editor-error")).toHaveCount(0);
  const windowField = page.getByTestId("funnel-window");
  await windowField.fill("abc");
  await windowField.blur();
  await expect(page.getByTestId("error-window")).toHaveText("Vul een getal in, zoals 1234,5.");
  await windowField.fill("1,5");
  await windowField.blur();
  await expect(page.getByTestId("error-window")).toHaveCount(0);
  await expect(windowField).toHaveValue("1,5");
  await noEnglish(page);

  // The what-if field: "3,5" is 3.5 %, not 35 %, and the answer counts whole visitors in the singular or plural.
  await page.goto(`/projects/${projectId}/conversions`);
  const rate = page.getByTestId("what-if-rate");
  await rate.fill("3,5");
  await expect(page.getByTestId("what-if-text")).toContainText("Bij 3,50% in plaats van");
  await expect(page.getByTestId("what-if-text")).not.toContainText("35,00%");
  await expect(page.getByTestId("what-if-text")).toHaveText(/ [\d.]+ converterende bezoekers? (meer|minder) /);
  await rate.fill("125");
  await rate.blur();
  await expect(page.getByText("Vul 100 of minder in.")).toBeVisible();
  await expect(page.getByTestId("what-if-text")).toHaveCount(0);

  // The segment table as CSV for Dutch Excel: semicolons and decimal commas.
  await expect(page.getByTestId("segment-row").first()).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-segment").click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const [header, first] = csv.split("\r\n");
  expect(header).toMatch(/^source;visitors;purchase_converted;/);
  expect(first).toMatch(/^[^;]+;\d+;\d+;\d+;\d+(,\d+)?;/);
  expect(csv).toMatch(/;\d+,\d+;/);
  expect(csv).not.toMatch(/;\d+\.\d+;/);
});
