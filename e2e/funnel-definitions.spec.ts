import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

const step = (page: Page, n: number) => page.getByTestId(`editor-step-${n}`);

test("the editor refuses every invalid combination beside its field once it is left, and the server too", async ({ page }) => {
  test.setTimeout(150_000);
  const projectId = await signUpWithDemoProject(page);
  await page.goto(`/projects/${projectId}/funnels/new`);
  await page.getByLabel("Name", { exact: true }).fill("Rules");
  await step(page, 2).getByTestId("match-event").fill("purchase");
  await page.getByRole("button", { name: "Add step" }).click();
  await step(page, 3).getByTestId("match-event").fill("checkout_started");
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  // The first (and last) step cannot be optional; a middle one can.
  await step(page, 1).getByTestId("step-optional").check();
  await expect(page.getByTestId("steps.0-optional-error")).toHaveText("The first and the last step cannot be optional.");
  await expect(page.getByTestId("editor-error")).toHaveText("Step 1: The first and the last step cannot be optional.");
  await step(page, 1).getByTestId("step-optional").uncheck();
  await step(page, 2).getByTestId("step-optional").check();
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  // A time limit of its own needs a number, and cannot be longer than the window.
  await step(page, 3).getByTestId("within-unit").selectOption("hours");
  await expect(page.getByTestId("steps.2-within-error")).toBeVisible();
  await step(page, 3).getByLabel("Within", { exact: true }).fill("200");
  await expect(page.getByTestId("steps.2-within-error")).toHaveText("“Within” can be at most the conversion window.");
  await step(page, 3).getByLabel("Within", { exact: true }).fill("2");
  await expect(page.getByTestId("steps.2-within-error")).toHaveCount(0);

  // A condition's value fits its operator: ">" needs a number.
  await step(page, 3).getByTestId("add-condition").click();
  await step(page, 3).getByTestId("condition-property").fill("revenue");
  await step(page, 3).getByTestId("condition-operator").selectOption("gt");
  await expect(page.getByTestId("error-steps.2.conditions.0.value")).toBeVisible();
  await step(page, 3).getByLabel("Value", { exact: true }).fill("50");
  await expect(page.getByTestId("error-steps.2.conditions.0.value")).toHaveCount(0);
  // "is set" has no value field at all.
  await step(page, 3).getByTestId("condition-operator").selectOption("exists");
  await expect(step(page, 3).getByLabel("Value", { exact: true })).toHaveCount(0);

  // An exclusion needs its event, and cannot start or end at an optional step. A field just added is
  // not red before the reader has typed in it; leaving it empty says what is missing, in its words.
  await page.getByTestId("add-exclusion").click();
  await expect(page.getByTestId("exclusions.0-event-error")).toHaveCount(0);
  await expect(page.getByTestId("editor-error")).toHaveCount(0);
  const exclusionEvent = page.getByTestId("editor-exclusion-1").getByTestId("match-event");
  await exclusionEvent.focus();
  await exclusionEvent.blur();
  await expect(page.getByTestId("exclusions.0-event-error")).toHaveText("Each exclusion needs an event name.");
  await expect(page.getByTestId("editor-error")).toHaveText("Exclusion 1: Each exclusion needs an event name.");
  await exclusionEvent.fill("newsletter_signup");
  await expect(page.getByTestId("exclusions.0-event-error")).toHaveCount(0);
  await page.getByTestId("exclusion-afterStep").selectOption({ label: "2. purchase" });
  await expect(page.getByTestId("exclusions.0-between-error")).toHaveText("An exclusion cannot begin or end at an optional step.");
  await page.getByTestId("exclusion-afterStep").selectOption({ label: "1. pageview" });
  await expect(page.getByTestId("exclusions.0-between-error")).toHaveCount(0);

  // Any order takes no optional steps, no time limits and no exclusions: each said where it is.
  await page.getByTestId("order-any").check();
  await expect(page.getByTestId("steps.1-optional-error")).toHaveText("In any order, no step can be optional.");
  await expect(page.getByTestId("steps.2-within-error")).toHaveText("In any order, steps cannot have “within”.");
  await expect(page.getByTestId("exclusions-error")).toHaveText("In any order, there can be no exclusions.");
  await page.getByTestId("order-strict").check();
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  // A held property needs its name: said once a save is tried, not as soon as the field appears.
  await page.getByTestId("add-hold").click();
  await expect(page.getByTestId("hold-error")).toHaveCount(0);

  // Saving anyway: the server refuses it too, and nothing is saved.
  await page.getByTestId("save-funnel").click();
  await expect(page.getByTestId("hold-error")).toHaveText("Enter the name of the property to keep the same.");
  await expect(page.getByTestId("editor-error")).toBeVisible();
  await expect(page).toHaveURL(/\/funnels\/new$/);
  await page.getByTestId("hold-property").fill("plan");
  await expect(page.getByTestId("hold-error")).toHaveCount(0);
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  // Up to 30 steps: the count says so, and the button to add goes at 30.
  await expect(page.getByTestId("step-count")).toHaveText("(3 of 30 steps)");
  for (let i = 3; i < 30; i++) await page.getByRole("button", { name: "Add step" }).click();
  await expect(page.getByTestId("step-count")).toHaveText("(30 of 30 steps)");
  await expect(page.getByRole("button", { name: "Add step" })).toHaveCount(0);
});

test("in Dutch: the operators, a number typed the Dutch way, and each problem beside its field in Dutch", async ({ page }) => {
  test.setTimeout(150_000);
  await signUpWithDemoProject(page, { teamName: "Bureau Trechter", project: "Fietsenwinkel" });
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("link", { name: "Conversies" })).toBeVisible();
  await page.getByTestId("edit-funnel").click();

  await step(page, 5).getByTestId("add-condition").click();
  await expect(step(page, 5).getByTestId("condition-operator").locator("option")).toHaveText([
    "is",
    "is niet",
    "is een van",
    "bevat",
    "bevat niet",
    "begint met",
    "groter dan (>)",
    "minstens (≥)",
    "kleiner dan (<)",
    "hoogstens (≤)",
    "is ingevuld",
    "is niet ingevuld",
  ]);
  // The property is suggested from the project's recent purchases.
  await expect(step(page, 5).locator("datalist option[value=revenue]")).toHaveCount(1, { timeout: 20_000 });
  await step(page, 5).getByTestId("condition-property").fill("revenue");
  await step(page, 5).getByTestId("condition-operator").selectOption("gte");
  const value = step(page, 5).getByLabel("Waarde", { exact: true });
  await value.fill("abc");
  await value.blur();
  await expect(step(page, 5).getByText("Vul een getal in, zoals 1234,5.")).toBeVisible();
  await value.fill("12,5");
  await value.blur();
  await expect(value).toHaveValue("12,5");
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  await step(page, 5).getByTestId("step-optional").check();
  await expect(page.getByTestId("steps.4-optional-error")).toHaveText("De eerste en de laatste stap kunnen niet optioneel zijn.");
  await expect(page.getByTestId("editor-error")).toHaveText("Stap 5: De eerste en de laatste stap kunnen niet optioneel zijn.");
  await step(page, 5).getByTestId("step-optional").uncheck();
  await page.getByTestId("order-any").check();
  await page.getByTestId("add-exclusion").click();
  await page.getByTestId("editor-exclusion-1").getByTestId("match-event").focus();
  await page.getByTestId("editor-exclusion-1").getByTestId("match-event").blur();
  await expect(page.getByTestId("exclusions.0-event-error")).toHaveText("Elke uitsluiting heeft een eventnaam nodig.");
  await expect(page.getByTestId("order")).toContainText("In willekeurige volgorde");
  const text = await page.locator("main").innerText();
  for (const english of ["Step ", "Add condition", "optional", "Exclusion"])
    expect(text, `"${english}" on a Dutch page`).not.toContain(english);
});
