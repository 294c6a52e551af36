import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

/** The first number in a text ("1,641 visitors did this…" → 1641; Dutch "1.641" too). */
const count = async (page: Page, id: string) =>
  Number(
    ((await page.getByTestId(id).textContent()) ?? "")
      .trim()
      .match(/^[\d.,\s\u00a0\u202f]+/)?.[0]
      .replace(/\D/g, "") ?? NaN,
  );
const step = (page: Page, n: number) => page.getByTestId(`editor-step-${n}`);

test("the editor takes several events, conditions with suggestions, optional steps, time limits, exclusions, order and held fields; each problem beside its field", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const projectId = await signUpWithDemoProject(page);
  await page.getByTestId("edit-funnel").click();
  await expect(page.getByTestId("editor-live-5")).toContainText("visitors did this", { timeout: 30_000 });
  const cartBefore = await count(page, "editor-live-3");
  const buyersBefore = await count(page, "editor-live-5");

  // A step that matches one of several events counts the visitors who did either.
  await step(page, 3).getByTestId("add-event").click();
  await step(page, 3).getByTestId("match-event").nth(1).fill("wishlist_add");
  await expect.poll(() => count(page, "editor-live-3"), { timeout: 20_000 }).toBeGreaterThan(cartBefore);

  // A condition with an operator, its property suggested from the project's purchases.
  await step(page, 5).getByTestId("add-condition").click();
  await expect(step(page, 5).locator("datalist option[value=revenue]")).toHaveCount(1, { timeout: 20_000 });
  await step(page, 5).getByTestId("condition-property").fill("revenue");
  await step(page, 5).getByTestId("condition-operator").selectOption("gt");
  await step(page, 5).getByLabel("Value").fill("50");
  await expect.poll(() => count(page, "editor-live-5"), { timeout: 20_000 }).toBeLessThan(buyersBefore);

  // The first step cannot be optional: said beside the checkbox, and not saved.
  await step(page, 1).getByTestId("step-optional").check();
  await expect(page.getByTestId("steps.0-optional-error")).toBeVisible();
  await step(page, 1).getByTestId("step-optional").uncheck();
  await expect(page.getByTestId("steps.0-optional-error")).toHaveCount(0);
  await step(page, 4).getByTestId("step-optional").check();

  // A time limit of its own needs a number.
  await step(page, 2).getByTestId("within-unit").selectOption("hours");
  await expect(page.getByTestId("steps.1-within-error")).toBeVisible();
  await step(page, 2).getByLabel("Within").fill("2");
  await expect(page.getByTestId("steps.1-within-error")).toHaveCount(0);

  // An exclusion needs its event; "between" defaults to the first and last step.
  await page.getByTestId("add-exclusion").click();
  await expect(page.getByTestId("exclusions.0-event-error")).toBeVisible();
  await page.getByTestId("editor-exclusion-1").getByTestId("match-event").fill("newsletter_signup");
  await expect(page.getByTestId("exclusions.0-event-error")).toHaveCount(0);

  // In any order, optional steps and exclusions do not apply: refused beside them, until the order is back.
  await page.getByTestId("order-any").check();
  await expect(page.locator("[data-testid$=-error]:visible").first()).toBeVisible();
  await expect(page.getByTestId("editor-error")).toBeVisible();
  await page.getByTestId("order-ordered").check();
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  // Same device at every step.
  await page.getByTestId("add-hold").click();
  await page.getByTestId("hold-select").selectOption("device");
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  await page.getByTestId("save-funnel").click();
  await expect(page).toHaveURL(/\?funnel=[0-9a-f-]{36}/);
  const funnelId = new URL(page.url()).searchParams.get("funnel");

  // The results mark the optional step in the table and the chart, and draw the time to convert.
  await expect(page.getByTestId("step-optional-4")).toHaveText("Optional");
  await expect(page.getByTestId("dropoff-chart")).toContainText("(optional)");
  const ttc = page.getByTestId("ttc-body");
  await expect(ttc).toHaveAttribute("data-from", "1");
  await expect(ttc).toHaveAttribute("data-to", "5");
  expect(JSON.parse((await ttc.getAttribute("data-bins"))!)).toHaveLength(11);
  await expect(page.getByTestId("ttc-summary")).toContainText(/Median .* Half of them took between/);
  // Optional steps cannot be chosen for it.
  await expect(page.getByTestId("ttc-from").locator("option")).toHaveText([/^1\./, /^2\./, /^3\./]);
  await page.getByTestId("ttc-from").selectOption("2");
  await expect(page).toHaveURL(/ttc=2-5/);
  await expect(ttc).toHaveAttribute("data-from", "2");

  // Saved, not just shown: the editor opened afresh has it all.
  await page.goto(`/projects/${projectId}/funnels/${funnelId}/edit`);
  await expect(step(page, 3).getByTestId("match-event")).toHaveCount(2);
  await expect(step(page, 3).getByTestId("match-event").nth(1)).toHaveValue("wishlist_add");
  await expect(step(page, 5).getByTestId("condition-property")).toHaveValue("revenue");
  await expect(step(page, 5).getByTestId("condition-operator")).toHaveValue("gt");
  await expect(step(page, 5).getByLabel("Value")).toHaveValue("50");
  await expect(step(page, 4).getByTestId("step-optional")).toBeChecked();
  await expect(step(page, 2).getByTestId("within-unit")).toHaveValue("hours");
  await expect(step(page, 2).getByLabel("Within")).toHaveValue("2");
  await expect(page.getByTestId("editor-exclusion-1").getByTestId("match-event")).toHaveValue("newsletter_signup");
  await expect(page.getByTestId("hold-select")).toHaveValue("device");
});

test("in Dutch: operators, numbers typed the Dutch way, problems beside their fields, and the new result parts", async ({ page }) => {
  test.setTimeout(240_000);
  const projectId = await signUpWithDemoProject(page, { teamName: "Bureau Trechter", project: "Fietsenwinkel" });
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("link", { name: "Conversies" })).toBeVisible();
  await page.getByTestId("edit-funnel").click();
  await expect(page.getByTestId("editor-live-5")).toContainText("bezoekers", { timeout: 30_000 });

  await step(page, 5).getByTestId("add-condition").click();
  await step(page, 5).getByTestId("condition-property").fill("revenue");
  await expect(step(page, 5).getByTestId("condition-operator").locator("option")).toContainText(["is", "is niet", "is een van", "bevat"]);
  await step(page, 5).getByTestId("condition-operator").selectOption("gte");
  const value = step(page, 5).getByLabel("Waarde");
  await value.fill("abc");
  await value.blur();
  await expect(step(page, 5).getByText("Vul een getal in, zoals 1234,5.")).toBeVisible();
  await value.fill("12,5");
  await value.blur();
  await expect(value).toHaveValue("12,5");

  await step(page, 5).getByTestId("step-optional").check();
  await expect(page.getByTestId("steps.4-optional-error")).toBeVisible();
  expect(await page.getByTestId("steps.4-optional-error").innerText()).not.toMatch(/step|optional/i);
  await step(page, 5).getByTestId("step-optional").uncheck();
  await step(page, 3).getByTestId("step-optional").check();
  await expect(page.getByTestId("editor-error")).toHaveCount(0);
  await page.getByTestId("save-funnel").click();
  await expect(page).toHaveURL(/\?funnel=[0-9a-f-]{36}/);
  const funnelId = new URL(page.url()).searchParams.get("funnel");

  await expect(page.getByTestId("step-optional-3")).toHaveText("Optioneel");
  await expect(page.getByTestId("ttc")).toContainText("Tijd tot conversie");
  await expect(page.getByTestId("ttc-summary")).toContainText("Mediaan");

  // The number was saved as 12.5 and reads back the Dutch way.
  await page.goto(`/projects/${projectId}/funnels/${funnelId}/edit`);
  await expect(step(page, 5).getByLabel("Waarde")).toHaveValue("12,5");
});
