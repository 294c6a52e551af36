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

test("the install step shows the read key once, with a copy button and a warning, and the events the template needs", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page);
  await page.getByLabel("Project name").fill("Restaurant De Haven");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("sector-hospitality").click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("create-project").click();

  const panel = page.getByTestId("read-key-panel");
  const key = page.getByTestId("onboarding-read-key");
  await expect(key).toHaveValue(/^tr_\S{20,}$/);
  const readKey = await key.inputValue();
  await expect(page.getByTestId("read-key-warning")).toHaveText(/will not be shown again/);
  await panel.getByRole("button", { name: "Copy" }).click();
  await expect(panel.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(readKey);
  // It is the project's real read key: the query API answers to it (a fresh client, no session).
  const now = new Date();
  const answer = await request.post("/api/v1/goals/query", {
    headers: { authorization: `Bearer ${readKey}` },
    data: { from: new Date(now.getTime() - 86400_000).toISOString(), to: now.toISOString() },
  });
  expect(answer.status()).toBe(200);

  // The hospitality funnel and goals wait for these events; page views the snippet sends itself.
  const events = page.getByTestId("needed-event");
  await expect(events.first()).toBeVisible();
  const names = await events.evaluateAll((els) => els.map((e) => e.getAttribute("data-event")));
  expect(names).toEqual(expect.arrayContaining(["availability_check", "reservation"]));
  expect(names).not.toContain("pageview");
  await expect(page.getByTestId("track-availability_check")).toHaveValue('trechter.track("availability_check");');
  await expect(page.getByTestId("track-reservation")).toHaveValue('trechter.track("reservation");');
  await page.locator('[data-testid=needed-event][data-event="reservation"]').getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('trechter.track("reservation");');

  // Shown once: after a reload the page says where to make a new one, and the key is nowhere in it.
  await page.reload();
  await expect(page.getByTestId("read-key-gone")).toBeVisible();
  await expect(key).toHaveCount(0);
  expect(await page.content()).not.toContain(readKey);
  await expect(page.getByTestId("track-reservation")).toHaveValue('trechter.track("reservation");');
});

test("each finish button has its own busy label, and the demo is named in Dutch for a Dutch user", async ({ browser }) => {
  test.setTimeout(180_000);
  const ctx = await browser.newContext({ locale: "nl-NL" });
  const page = await ctx.newPage();
  await signUp(page);
  // Signed up without a team name: the team is named in Dutch too.
  await expect(page.getByTestId("team-name")).toHaveText("Team van Sanne de Vries");
  const toInstall = async (name: string) => {
    await page.goto("/projects/new");
    await page.getByLabel("Projectnaam").fill(name);
    await page.getByRole("button", { name: "Volgende" }).click();
    await page.getByTestId("sector-ecommerce").click();
    await page.getByRole("button", { name: "Volgende" }).click();
    await page.getByTestId("create-project").click();
    await expect(page.getByTestId("onboarding-skip")).toHaveText("Naar het dashboard");
  };
  // Every label either button shows from the click on, recorded in the page (it navigates client-side).
  const record = () =>
    page.evaluate(() => {
      const seen: Record<string, string[]> = { skip: [], demo: [] };
      (window as unknown as { seen: typeof seen }).seen = seen;
      for (const [name, id] of [
        ["skip", "onboarding-skip"],
        ["demo", "load-demo"],
      ] as const) {
        const el = document.querySelector(`[data-testid=${id}]`)!;
        new MutationObserver(() => seen[name].push(el.textContent ?? "")).observe(el, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      }
    });
  const seen = () => page.evaluate(() => (window as unknown as { seen: Record<string, string[]> }).seen);

  await toInstall("Zonder demo");
  await record();
  await page.getByTestId("onboarding-skip").click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  const skipped = await seen();
  expect(skipped.skip).toContain("Dashboard wordt geopend…");
  expect(skipped.demo).not.toContain("Demodata wordt gemaakt…");

  await toInstall("Met demo");
  await record();
  await page.getByTestId("load-demo").click();
  await expect(page.getByTestId("load-demo")).toHaveText("Demodata wordt gemaakt…");
  await expect(page.getByTestId("onboarding-skip")).toHaveText("Naar het dashboard");
  await expect(page.getByTestId("onboarding-skip")).toBeDisabled();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/, { timeout: 90_000 });
  expect((await seen()).skip).not.toContain("Dashboard wordt geopend…");

  // The demo's funnel, goals and A/B test are in Dutch: the language of the person who made them.
  const projectId = page.url().split("/").pop()!;
  await expect(page.getByTestId("funnel-select")).toContainText("Van bezoek naar aankoop");
  await page.goto(`/projects/${projectId}/goals`);
  await expect(page.locator("[data-testid=goal][data-goal-key=purchase]")).toContainText("Aankoop");
  await expect(page.locator("[data-testid=goal][data-goal-key=add_to_cart]")).toContainText("In winkelwagen gelegd");
  await page.goto(`/projects/${projectId}/experiments`);
  await expect(page.getByText("Nieuwe afrekenpagina").first()).toBeVisible();
  await expect(page.getByText("New checkout")).toHaveCount(0);
  await ctx.close();
});
