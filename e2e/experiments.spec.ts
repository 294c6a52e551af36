import { test, expect } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

test("A/B tests on demo data: the demo's test, a new experiment with its readout and verdict, the planner, the funnel breakdown, in English and Dutch", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const projectId = await signUpWithDemoProject(page, { project: "Fietsenwinkel" });

  // The funnel page offers the experiment's property as a breakdown, labelled with the experiment.
  const breakdown = page.getByTestId("breakdown");
  await expect(breakdown.locator("option[value='prop:variant']")).toHaveText("New checkout");
  await breakdown.selectOption("prop:variant");
  await expect(page).toHaveURL(/breakdown=prop%3Avariant/);

  await page.getByRole("link", { name: "A/B tests" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/experiments`);
  await expect(page.getByRole("heading", { name: "A/B tests", exact: true })).toBeVisible();

  // The demo's running test: both variants have visitors; a small shop has not reached the plan.
  const demo = page.locator("[data-testid=experiment][data-experiment-name='New checkout']");
  await expect(demo.getByTestId("readout-row")).toHaveCount(2);
  await expect(demo.locator("[data-testid=readout-row][data-variant=control]")).toContainText("control");
  await expect(demo.getByTestId("readout-test")).toHaveText("Two-sided two-proportion z-test (pooled), 95% confidence.");
  await expect(demo.getByTestId("readout-verdict")).toHaveAttribute("data-verdict", "collecting");
  await expect(demo.getByTestId("readout-verdict")).toContainText("no winner is declared before it is complete");
  await expect(demo.getByRole("progressbar")).toBeVisible();

  // A new experiment: validation first, then a three-way test judged by the purchase goal.
  await page.getByTestId("experiment-add").click();
  const form = page.getByTestId("experiment-form");
  await form.getByLabel("Name", { exact: true }).fill("Hero banner");
  await form.getByLabel("Variants").fill("control");
  await form.getByTestId("experiment-save").click();
  await expect(form.getByTestId("error-experiment-variants")).toHaveText("List 2 to 5 different variants, separated by commas.");
  await form.getByLabel("Variants").fill("control, new_checkout, other");
  await form.getByTestId("experiment-target").selectOption({ label: "Purchase" });
  const start = new Date(Date.now() - 28 * 86400_000).toISOString().slice(0, 10);
  await form.getByLabel("Start date").fill(start);
  await form.getByLabel("Minimum detectable uplift (%)").fill("20");
  await form.getByTestId("experiment-save").click();
  await expect(page.getByTestId("experiments-status")).toHaveText("Experiment saved.");
  const hero = page.locator("[data-testid=experiment][data-experiment-name='Hero banner']");
  await expect(hero.getByTestId("readout-row")).toHaveCount(3);
  await expect(hero.getByTestId("readout-test")).toContainText("Bonferroni-corrected for 2 comparisons");
  await expect(hero.getByTestId("readout-verdict")).toContainText("Still collecting");
  await expect(hero).toContainText("minimum detectable uplift 20.00%");

  // The planner: a larger uplift needs fewer visitors and fewer days.
  const planner = page.getByTestId("test-planner");
  await planner.getByTestId("planner-goal").selectOption({ label: "Purchase" });
  await expect(planner.getByTestId("planner-baseline")).toHaveText(/%$/);
  const days = async () => Number((await planner.getByTestId("planner-days").textContent())!.replace(/\D/g, ""));
  await expect(planner.getByTestId("planner-days")).toHaveText(/\d/);
  const at10 = await days();
  await planner.getByTestId("planner-uplift").fill("40");
  await expect.poll(days).toBeLessThan(at10);
  await expect(planner.getByTestId("planner-advice")).not.toBeEmpty();

  // Delete the new experiment; the demo's stays.
  page.once("dialog", (d) => d.accept());
  await hero.getByTestId("experiment-delete").click();
  await expect(page.getByTestId("experiments-status")).toHaveText("Experiment deleted.");
  await expect(hero).toHaveCount(0);
  await expect(demo).toHaveCount(1);

  // In Dutch.
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("heading", { name: "A/B-tests", exact: true })).toBeVisible();
  await expect(demo.getByTestId("readout-test")).toHaveText("Tweezijdige z-toets voor twee proporties (gepoold), 95% betrouwbaarheid.");
  await expect(demo.getByTestId("readout-verdict")).toContainText("Nog aan het verzamelen");
  await expect(page.getByRole("columnheader", { name: "Conversieratio (95%-interval)" }).first()).toBeVisible();
  await expect(page.getByTestId("test-planner")).toContainText("Een test plannen");
  await planner.getByTestId("planner-uplift").fill("10");
  await expect(planner.getByTestId("planner-days")).toHaveText(/\d/);
  await expect(page.getByRole("link", { name: "A/B-tests" })).toBeVisible();
});
