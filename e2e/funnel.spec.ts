import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

const number = async (page: Page, id: string) => Number((await page.getByTestId(id).innerText()).replace(/[^\d]/g, ""));

test("filters, breakdown and compare change the numbers without a reload, and the URL keeps the view", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpWithDemoProject(page);
  const all = await number(page, "stat-entered");
  expect(all).toBeGreaterThan(100);
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));

  await page.getByTestId("add-filter").selectOption("device");
  await page.getByTestId("filter-value").selectOption("mobile");
  await expect(page.getByTestId("chip-device-mobile")).toBeVisible();
  await expect.poll(() => number(page, "stat-entered")).toBeLessThan(all);
  expect(page.url()).toContain("device=mobile");

  await page.getByTestId("breakdown").selectOption("source");
  await expect(page).toHaveURL(/breakdown=source/);
  await page.getByTestId("compare").click();
  await expect(page).toHaveURL(/compare=1/);
  await expect(page.getByTestId("stat-overall").locator("..")).toContainText("previous period");
  // No page reload happened: the marker set on the window survives.
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

  const filtered = await number(page, "stat-entered");
  await page.reload();
  await expect(page.getByTestId("chip-device-mobile")).toBeVisible();
  await expect.poll(() => number(page, "stat-entered")).toBe(filtered);

  await page.getByTestId("chip-device-mobile").click();
  await expect.poll(() => number(page, "stat-entered")).toBe(all);
  await page.getByTestId("range").selectOption("7d");
  await expect(page.getByTestId("notice-short")).toHaveCount(0);
  await expect.poll(() => number(page, "stat-entered")).toBeLessThan(all);
});

test("editing a funnel changes its steps and numbers; invalid funnels are refused", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpWithDemoProject(page);
  const before = await number(page, "step-visitors-2");
  await page.getByTestId("edit-funnel").click();
  const step2 = page.getByTestId("editor-step-2");
  await expect(page.getByTestId("editor-live-1")).toContainText("visitors did this", { timeout: 20_000 });
  // Without the product-page step, step 2 becomes "added to cart": a different count.
  await step2.getByRole("button", { name: "Remove step 2" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Shop to cart");
  await page.getByTestId("save-funnel").click();
  await expect(page.getByTestId("funnel-select")).toContainText("Shop to cart");
  await expect.poll(() => number(page, "step-visitors-2")).not.toBe(before);

  await page.getByTestId("edit-funnel").click();
  for (let i = 0; i < 3; i++) await page.getByTestId("editor-step-2").getByRole("button", { name: "Remove step 2" }).click();
  await page.getByTestId("save-funnel").click();
  await expect(page.getByTestId("editor-error")).toHaveText("A funnel needs at least 2 steps.");
});
