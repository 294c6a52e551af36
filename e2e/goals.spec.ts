import { test, expect, type Page } from "@playwright/test";
import { signUp, signUpFromInvite, uniqueEmail, signUpWithDemoProject, createProjectQuickly } from "./helpers";

const goal = (page: Page, key: string) => page.locator(`[data-testid=goal][data-goal-key="${key}"]`);

test("an admin adds, edits and deletes a micro goal, in English and in Dutch", async ({ page }) => {
  const projectId = await signUpWithDemoProject(page, { project: "Fietsenwinkel" });
  await page.getByRole("link", { name: "Goals" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/goals`);
  await expect(page.getByRole("heading", { name: "Goals", exact: true })).toBeVisible();
  // The template's goals are there: the purchase is the macro goal and carries revenue.
  await expect(goal(page, "purchase")).toContainText("Purchase");
  await expect(goal(page, "purchase")).toContainText("Revenue");
  await expect(page.getByTestId("goals-macro").getByTestId("goal")).toHaveCount(1);
  await expect(page.getByTestId("goals-micro").getByTestId("goal")).toHaveCount(4);

  await page.getByTestId("goal-add").click();
  await page.getByLabel("Name", { exact: true }).fill("Pro plan interest");
  await expect(page.getByTestId("goal-kind-micro")).toBeChecked();
  await page.getByTestId("goal-save").click();
  await expect(page.getByTestId("error-goal-event")).toHaveText("Enter the event name (at most 200 characters).");
  await expect(page.getByLabel("Event name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Event name").fill("pricing_view");
  await page.getByLabel("Page path (optional)").fill("pricing");
  await page.getByTestId("goal-save").click();
  await expect(page.getByTestId("error-goal-path")).toContainText("starts with /");
  await page.getByLabel("Page path (optional)").fill("/pricing/*");
  await page.getByTestId("goal-where-add").click();
  await page.getByTestId("goal-where-key").fill("plan");
  await page.getByTestId("goal-where-value").fill("pro");
  await page.getByTestId("goal-save").click();
  await expect(page.getByTestId("goals-status")).toHaveText("Goal saved.");

  const added = goal(page, "pro_plan_interest");
  await expect(page.getByTestId("goals-micro").locator(added)).toHaveCount(1);
  await expect(added.getByTestId("goal-event")).toHaveText("pricing_view");
  await expect(added.getByTestId("goal-path")).toHaveText("/pricing/*");
  await expect(added.getByTestId("goal-where")).toHaveText("plan = pro");

  await added.getByTestId("goal-edit").click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Pro plan interest");
  await page.getByLabel("Name", { exact: true }).fill("Interest in the pro plan");
  await page.getByTestId("goal-save").click();
  await expect(added.getByTestId("goal-name")).toHaveText("Interest in the pro plan");
  // Saved, not just shown: it is still there after a reload, with its match intact and its key unchanged.
  await page.reload();
  await expect(added.getByTestId("goal-name")).toHaveText("Interest in the pro plan");
  await expect(added.getByTestId("goal-where")).toHaveText("plan = pro");

  // Dutch: the same page, every label translated.
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("link", { name: "Doelen" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Doelen", exact: true })).toBeVisible();
  await expect(page.getByTestId("goals-macro")).toContainText("Macrodoelen");
  await expect(page.getByTestId("goals-micro")).toContainText("Microdoelen");
  await expect(goal(page, "purchase")).toContainText("Omzet");
  await page.getByTestId("goal-add").click();
  await expect(page.getByLabel("Eventnaam")).toBeVisible();
  await page.getByLabel("Naam", { exact: true }).fill("Leeg");
  await page.getByTestId("goal-save").click();
  await expect(page.getByTestId("error-goal-event")).toHaveText("Vul de eventnaam in (hooguit 200 tekens).");
  await page.getByTestId("goal-form").screenshot({ path: "test-results/goals-form-nl.png" });
  await page.getByTestId("goal-cancel").click();

  await page.locator("[data-testid=locale-en]:visible").click();
  await expect(page.getByRole("heading", { name: "Goals", exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/goals-en.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/goals-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Delete asks first: dismissing keeps the goal, accepting removes it for good.
  page.once("dialog", (d) => d.dismiss());
  await added.getByTestId("goal-delete").click();
  await expect(added).toHaveCount(1);
  page.once("dialog", (d) => {
    expect(d.message()).toContain("Interest in the pro plan");
    void d.accept();
  });
  await added.getByTestId("goal-delete").click();
  await expect(page.getByTestId("goals-status")).toHaveText("Goal deleted.");
  await expect(added).toHaveCount(0);
  await page.reload();
  await expect(added).toHaveCount(0);
  await expect(page.getByTestId("goals-micro").getByTestId("goal")).toHaveCount(4);
});

test("a viewer sees the goals read-only, and another team cannot open them", async ({ page, browser }) => {
  const projectId = await signUpWithDemoProject(page, { teamName: "Bureau Doel" });
  await page.goto("/team");
  const colleague = uniqueEmail("goal-viewer");
  await page.getByLabel("Email address").fill(colleague);
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();

  const ctx = await browser.newContext();
  const viewer = await ctx.newPage();
  await signUpFromInvite(viewer, link, { name: "Vera Viewer" });
  await viewer.goto(`/projects/${projectId}/goals`);
  await expect(goal(viewer, "purchase")).toBeVisible();
  await expect(viewer.getByTestId("goals-read-only")).toBeVisible();
  await expect(viewer.getByTestId("goal-add")).toHaveCount(0);
  await expect(viewer.getByTestId("goal-edit")).toHaveCount(0);
  await expect(viewer.getByTestId("goal-delete")).toHaveCount(0);
  await ctx.close();

  const outsiderCtx = await browser.newContext();
  const outsider = await outsiderCtx.newPage();
  await signUp(outsider);
  const res = await outsider.goto(`/projects/${projectId}/goals`);
  expect(res?.status()).toBe(404);
  await expect(outsider.getByTestId("goal")).toHaveCount(0);
  await outsiderCtx.close();
});

test("a duplicate goal is refused beside the field, in Dutch", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "nl-NL" });
  const page = await ctx.newPage();
  await signUp(page);
  const projectId = await createProjectQuickly(page, { project: "Fietsen" });
  await page.goto(`/projects/${projectId}/goals`);
  await expect(goal(page, "purchase")).toContainText("Aankoop");
  const count = await page.getByTestId("goal").count();

  // The same name as the template's purchase goal (another case), counting something else.
  await page.getByTestId("goal-add").click();
  await page.getByLabel("Naam", { exact: true }).fill("aankoop");
  await page.getByLabel("Eventnaam").fill("checkout_done");
  await page.getByTestId("goal-save").click();
  await expect(page.getByTestId("error-goal-name")).toHaveText(
    "Er is al een doel met deze naam. Kies een andere naam, of pas dat doel aan.",
  );
  await expect(page.getByLabel("Naam", { exact: true })).toHaveAttribute("aria-invalid", "true");

  // Another name for exactly what the add-to-cart goal counts.
  await page.getByLabel("Naam", { exact: true }).fill("Winkelmandje");
  await page.getByLabel("Eventnaam").fill("add_to_cart");
  await page.getByTestId("goal-save").click();
  await expect(page.getByTestId("error-goal-event")).toHaveText(
    "Een ander doel telt dit event al, met dit paginapad en deze voorwaarden. Pas dat doel aan, of voeg een voorwaarde toe.",
  );
  await page.getByTestId("goal-cancel").click();
  await page.reload();
  await expect(page.getByTestId("goal")).toHaveCount(count);
  await ctx.close();
});
