import { test, expect } from "@playwright/test";
import { signUp } from "./helpers";

const SECTORS = [
  { id: "ecommerce", en: "From visit to purchase", nl: "Van bezoek naar aankoop" },
  { id: "b2b", en: "From visit to quote request", nl: "Van bezoek naar offerteaanvraag" },
  { id: "hospitality", en: "From visit to reservation", nl: "Van bezoek naar reservering" },
  { id: "saas", en: "From visit to paid plan", nl: "Van bezoek naar betaald abonnement" },
  { id: "recruitment", en: "From vacancy to application", nl: "Van vacature naar sollicitatie" },
] as const;

for (const locale of ["en", "nl"] as const) {
  test(`onboarding for every sector in ${locale}, ending on a funnel with demo data`, async ({ browser }) => {
    test.setTimeout(360_000);
    const ctx = await browser.newContext({ locale: locale === "nl" ? "nl-NL" : "en-GB" });
    const page = await ctx.newPage();
    await signUp(page);
    await expect(page).toHaveURL(/\/projects\/new/);
    for (const [i, sector] of SECTORS.entries()) {
      if (i > 0) await page.goto("/projects/new");
      await page.getByLabel(locale === "nl" ? "Projectnaam" : "Project name").fill(`${sector.id} ${locale}`);
      await page.getByRole("button", { name: locale === "nl" ? "Volgende" : "Next" }).click();
      await page.getByTestId(`sector-${sector.id}`).click();
      await page.getByRole("button", { name: locale === "nl" ? "Volgende" : "Next" }).click();
      await expect(page.getByLabel(locale === "nl" ? "Naam van de funnel" : "Funnel name")).toHaveValue(sector[locale]);
      if (i === 0) {
        // Steps can be renamed and removed before saving; an empty step is refused with a message.
        await page.getByTestId("add-step").click();
        await page.getByTestId("create-project").click();
        await expect(page.getByTestId("error-steps")).toBeVisible();
        const steps = page.getByTestId("review-steps").locator("li");
        await steps
          .last()
          .getByRole("button", { name: /^(Remove step|Verwijder stap)/ })
          .click();
        await steps
          .first()
          .locator("input")
          .first()
          .fill(locale === "nl" ? "Kwam binnen" : "Arrived");
      }
      await page.getByTestId("create-project").click();
      await expect(page.getByTestId("onboarding-snippet")).toContainText('data-key="tw_');
      await page.getByTestId("load-demo").click();
      await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/, { timeout: 60_000 });
      await expect(page.getByTestId("funnel-select")).toContainText(sector[locale]);
      const entered = page.getByTestId("stat-entered");
      await expect(entered).not.toHaveText("0", { timeout: 30_000 });
      if (i === 0) await expect(page.getByText(locale === "nl" ? "Kwam binnen" : "Arrived").first()).toBeVisible();
    }
    await ctx.close();
  });
}

test("onboarding can be resumed where it was left", async ({ page }) => {
  await signUp(page);
  await page.getByLabel("Project name").fill("Half done");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("sector-saas").click();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Funnel name")).toHaveValue("From visit to paid plan");
  await page.goto("/projects");
  await expect(page.getByTestId("projects-empty")).toBeVisible();
  await page.goto("/projects/new");
  await expect(page.getByTestId("onboarding-resumed")).toBeVisible();
  await expect(page.getByLabel("Funnel name")).toHaveValue("From visit to paid plan");
});
