import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

const number = (text: string) =>
  Number(
    text
      .replace(/[^\d,.-]/g, "")
      .replace(/\.(?=\d{3}\b)/g, "")
      .replace(",", "."),
  );
const count = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/[^\d]/g, ""));

test("the conversions overview on demo data, in English and Dutch, with segment tables, filters, what-if and CSV", async ({ page }) => {
  test.setTimeout(180_000);
  const projectId = await signUpWithDemoProject(page, { teamName: "Bureau Conversie", project: "Fietsenwinkel" });
  await page.getByRole("link", { name: "Conversions" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/conversions`));

  // Visitors, the macro goal first with its rate and interval, the benchmark with its source sentence.
  await expect(page.getByTestId("stat-visitors")).not.toHaveText("0", { timeout: 30_000 });
  const visitors = await count(page, "stat-visitors");
  expect(visitors).toBeGreaterThan(1000);
  await expect(page.getByTestId("goal-rate-purchase")).toHaveText(/^\d+\.\d+%$/);
  await expect(page.getByTestId("benchmark-rate")).toContainText("2.63%");
  await expect(page.getByTestId("benchmark-explanation")).toHaveText(
    "On average, the conversion rate in Dutch e-commerce is around 2.63%.",
  );
  await expect(page.getByTestId("benchmark-verdict")).toHaveAttribute("data-verdict", /^(above|below|around)$/);
  await expect(page.getByTestId("goal-revenue-purchase")).toHaveText(/^€[\d,]+\.\d{2}$/);
  // Micro goals come after the macro goal.
  const order = await page.locator("[data-testid^=goal-rate-]").evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  expect(order[0]).toBe("goal-rate-purchase");
  expect(order).toContain("goal-rate-add_to_cart");
  // Stage KPIs from the e-commerce template.
  await expect(page.getByTestId("kpi-average_order_value")).toContainText("€");
  await expect(page.getByTestId("kpi-visitor_to_lead_rate")).toContainText("%");

  // What if: the article's example, a quarter more rate is a quarter more at the same traffic.
  await page.getByTestId("what-if-rate").fill("5");
  await expect(page.getByTestId("what-if-text")).toContainText("At 5.00% instead of");

  // Segment tables: source first, then device; the URL keeps the table across a reload.
  await expect(page.getByTestId("segment-row").first()).toBeVisible();
  await expect(page.locator("[data-testid=segment-row][data-value=google]")).toBeVisible();
  await page.getByTestId("seg-tab-device").click();
  await expect(page).toHaveURL(/seg=device/);
  await expect(page.locator("[data-testid=segment-row]")).toHaveCount(3);
  const devices = await page
    .locator("[data-testid=segment-row]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-value")).sort());
  expect(devices).toEqual(["desktop", "mobile", "tablet"]);
  await page.reload();
  await expect(page.getByTestId("seg-tab-device")).toHaveAttribute("aria-selected", "true");
  // Keyboard: arrow keys move between the tables.
  await page.getByTestId("seg-tab-device").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/seg=country/);
  await expect(page.locator("[data-testid=segment-row][data-value=NL]")).toBeVisible();
  await page.getByTestId("seg-tab-age_group").click();
  await expect(page.locator("[data-testid=segment-row]").first()).toBeVisible();

  // Sorting by rate puts the highest rate first.
  await page.getByTestId("seg-tab-device").click();
  await page.getByTestId("sort-rate").click();
  await expect(page.getByTestId("sort-rate").locator("xpath=..")).toHaveAttribute("aria-sort", "descending");
  const rates = await page.locator("[data-testid=segment-row] td:last-child span.font-semibold").allInnerTexts();
  const parsed = rates.map(number);
  expect(parsed).toEqual([...parsed].sort((a, b) => b - a));

  // Another goal in the same table.
  const before = await page.locator("[data-testid=segment-row][data-value=mobile] td:last-child span.font-semibold").innerText();
  await page.getByTestId("segment-goal").selectOption("add_to_cart");
  await expect(page.locator("[data-testid=segment-row][data-value=mobile] td:last-child span.font-semibold")).not.toHaveText(before);

  // A filter narrows the whole overview without a reload.
  await page.getByTestId("add-filter").selectOption("device");
  await page.getByTestId("filter-value").selectOption("mobile");
  await expect(page.getByTestId("chip-device-mobile")).toBeVisible();
  await expect.poll(() => count(page, "stat-visitors")).toBeLessThan(visitors);
  await expect(page.locator("[data-testid=segment-row]")).toHaveCount(1);

  // The table as CSV.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-segment").click()]);
  expect(download.suggestedFilename()).toMatch(/^fietsenwinkel-by-device-.*\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  expect(csv.split("\r\n")[0]).toMatch(/^device,visitors,purchase_converted,/);
  expect(csv.split("\r\n")[1]).toMatch(/^mobile,\d+,/);

  // Dutch: the same page, in Dutch words and Dutch number formats.
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("heading", { name: "Conversieratio per segment" })).toBeVisible();
  await expect(page.getByTestId("seg-tab-device")).toHaveText("Apparaat");
  await expect(page.getByTestId("goal-rate-purchase")).toHaveText(/^\d+,\d+\s?%$/);
  await expect(page.getByTestId("benchmark-rate")).toContainText("2,63%");
  await expect(page.getByTestId("benchmark-explanation")).toHaveText(
    "Gemiddeld ligt de conversieratio in de Nederlandse e-commerce rond de 2,63%.",
  );
  await page.getByTestId("seg-tab-source").click();
  await expect(page.getByTestId("sort-visitors")).toContainText("Bezoekers");
  await page.locator("[data-testid=locale-en]:visible").click();
  await expect(page.getByTestId("seg-tab-device")).toHaveText("Device");
});

test("the conversions overview can be shared read-only, and a funnel link does not open it", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signUpWithDemoProject(page, { teamName: "Bureau Deel", project: "Klant Shop" });
  // A funnel link's token opens the funnel, not the conversions overview.
  await page.getByTestId("create-share").click();
  const funnelToken = (await page.getByTestId("share-url").inputValue()).split("/").pop()!;
  expect((await page.request.get(`/api/share/${funnelToken}/conversions`)).status()).toBe(403);

  await page.getByRole("link", { name: "Conversions" }).click();
  await expect(page.getByTestId("stat-visitors")).not.toHaveText("0", { timeout: 30_000 });
  const rate = await page.getByTestId("goal-rate-purchase").innerText();
  await page.getByTestId("create-share").click();
  const url = await page.getByTestId("share-url").inputValue();
  const client = await browser.newContext();
  const view = await client.newPage();
  const response = await view.goto(url);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(view.getByTestId("share-title")).toHaveText("Shared report of Klant Shop");
  await expect(view.getByTestId("goal-rate-purchase")).toHaveText(rate);
  await expect(view.getByRole("link", { name: "Projects" })).toHaveCount(0);
  await expect(view.getByText("Bureau Deel")).toHaveCount(0);
  await expect(view.getByTestId("create-share")).toHaveCount(0);
  await view.getByTestId("seg-tab-device").click();
  await expect(view.locator("[data-testid=segment-row]")).toHaveCount(3);
  const token = url.split("/").pop()!;
  expect((await view.request.get(`/api/share/${token}/results`)).status()).toBe(403);

  await page.reload();
  await page.getByTestId("revoke-share").click();
  await page.getByTestId("revoke-dialog-confirm").click();
  await expect(page.getByTestId("share-list")).toContainText("Revoked");
  await view.reload();
  await expect(view.getByTestId("share-revoked")).toBeVisible();
  expect((await view.request.get(`/api/share/${token}/conversions`)).status()).toBe(404);
  await client.close();
});
