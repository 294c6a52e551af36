import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

type Step = { visitors: number; conversionFromStart: number | null };
type Results = {
  steps: Step[];
  previous?: { steps: Step[] };
  breakdown?: { series: { value: string | null; other: boolean; steps: Step[] }[] };
  trend: { points: { period: string }[] };
};

/** The report the dashboard shows, read from the API with the page's session and the page's own parameters. */
async function results(page: Page): Promise<Results> {
  const url = new URL(page.url());
  const funnelId = await page.getByTestId("funnel-select").inputValue();
  url.searchParams.delete("funnel");
  const res = await page.request.get(`/api/v1/funnels/${funnelId}/results?${url.searchParams.toString()}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Results;
}

/** "+1.20 pp" / "-3,45 procentpunt" → 1.2 / -3.45 */
const points = (text: string) =>
  Number(
    text
      .match(/([+\-−]?\d+[.,]\d\d)/)![1]
      .replace("−", "-")
      .replace(",", "."),
  );

test("compare with previous period is drawn: previous bars and line, each step's change in percentage points with its interval", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signUpWithDemoProject(page);
  await page.getByTestId("compare").click();
  await expect(page).toHaveURL(/compare=1/);
  const r = await results(page);
  expect(r.previous).toBeDefined();

  // The drop-off chart has the previous period as a series of its own, and says it in words for screen readers.
  await expect(page.getByTestId("dropoff")).toHaveAttribute("data-series", /"Previous period"/);
  await expect(page.getByTestId("dropoff-chart")).toContainText(
    `Previous period: ${r.previous!.steps[1].visitors.toLocaleString("en-GB")}`,
  );

  // Each later step: the change of its conversion from the start, in points, as the API's counts give it.
  for (const step of [2, r.steps.length]) {
    const cell = page.getByTestId(`step-change-${step}`);
    const want = ((r.steps[step - 1].conversionFromStart ?? 0) - (r.previous!.steps[step - 1].conversionFromStart ?? 0)) * 100;
    await expect(cell).toContainText(" pp");
    expect(points(await cell.innerText())).toBeCloseTo(want, 1);
    // Its 95 % interval holds the change.
    const [low, high] = [...(await cell.innerText()).matchAll(/([+\-−]?\d+\.\d\d)(?= |\s*pp)/g)]
      .slice(1)
      .map((m) => Number(m[1].replace("−", "-")));
    expect(low).toBeLessThanOrEqual(want + 0.005);
    expect(high).toBeGreaterThanOrEqual(want - 0.005);
  }
  await expect(page.getByTestId("step-change-1")).toHaveText("–");
  await expect(page.getByTestId("stat-overall-change")).toContainText(/pp .*vs previous period/);

  // The trend: the previous period as a second line, one point per period.
  await expect(page.getByTestId("trend")).toHaveAttribute("data-previous", String(r.trend.points.length));
  await expect(page.getByTestId("trend-chart").locator("[data-previous-period]")).toHaveCount(r.trend.points.length);
  await expect(page.getByTestId("trend-chart")).toContainText("Previous period, ");
});

test("a breakdown shows each value's own row under every step, with its visitors and rates; in Dutch too", async ({ page }) => {
  test.setTimeout(150_000);
  await signUpWithDemoProject(page);
  await page.getByTestId("breakdown").selectOption("device");
  await expect(page).toHaveURL(/breakdown=device/);
  const r = await results(page);
  const values = r.breakdown!.series;
  expect(values.length).toBeGreaterThan(1);
  const rows = page.getByTestId("step-value-row");
  await expect(rows).toHaveCount(values.length * r.steps.length);
  for (const [i, s] of values.entries()) {
    const row = page.locator(`[data-testid=step-value-row][data-step="2"][data-value="${s.value}"]`);
    await expect(row.getByTestId("value-visitors")).toHaveText(s.steps[1].visitors.toLocaleString("en-GB"));
    if (i === 0) await expect(row).toContainText(`${((s.steps[1].conversionFromStart ?? 0) * 100).toFixed(2)}%`);
  }

  // The trend: one line per value, named as in the table.
  await expect(page.getByTestId("trend")).toHaveAttribute("data-lines", JSON.stringify(values.map((s) => (s.other ? "Other" : s.value))));

  // Dutch: the same rows, and the comparison in procentpunt with a decimal comma.
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("link", { name: "Conversies" })).toBeVisible();
  await page.getByTestId("compare").click();
  await expect(page.getByTestId("dropoff")).toHaveAttribute("data-series", /"Vorige periode \(alle bezoekers\)"/);
  await expect(rows).toHaveCount(values.length * r.steps.length);
  await expect(page.getByTestId("step-change-2")).toContainText(/[+\-−]?\d+,\d\d procentpunt/);
  await expect(page.getByTestId("step-change-2")).toContainText(/95%: [+\-−]?\d+,\d\d tot [+\-−]?\d+,\d\d procentpunt/);
  await expect(page.getByTestId("stat-overall-change")).toContainText("t.o.v. vorige periode");
  await expect(page.getByTestId("trend-chart")).toContainText("Vorige periode, ");
});

test("time to convert: eleven bins between any two steps the reader picks, with the median and quartiles", async ({ page }) => {
  test.setTimeout(150_000);
  await signUpWithDemoProject(page);
  const r = (await results(page)) as Results & {
    timeToConvert: {
      fromStep: number;
      toStep: number;
      visitors: number;
      bins: { visitors: number }[];
      percentiles: { p50: number | null };
    };
  };
  const body = page.getByTestId("ttc-body");
  await expect(body).toHaveAttribute("data-from", "1");
  await expect(body).toHaveAttribute("data-to", String(r.steps.length));
  expect(JSON.parse((await body.getAttribute("data-bins"))!)).toEqual(r.timeToConvert.bins.map((b) => b.visitors));
  expect(r.timeToConvert.bins).toHaveLength(11);
  await expect(page.getByTestId("ttc-summary")).toContainText(`${r.timeToConvert.visitors.toLocaleString("en-GB")} visitors converted`);
  await expect(page.getByTestId("ttc-summary")).toContainText(/Median .+ · Half of them took between .+ and .+/);
  // Every bin is named on the axis, the empty ones too.
  const ticks = JSON.parse((await page.getByTestId("ttc-chart").getAttribute("data-ticks-x"))!);
  expect(ticks).toHaveLength(11);
  expect(ticks[0]).toBe("under 1 min");
  expect(ticks[10]).toBe("30 days or more");

  // Another pair of steps: in the URL, and the chart follows.
  await page.getByTestId("ttc-from").selectOption("2");
  await expect(page).toHaveURL(/ttc=2-5/);
  await expect(body).toHaveAttribute("data-from", "2");
  await page.getByTestId("ttc-to").selectOption("3");
  await expect(page).toHaveURL(/ttc=2-3/);
  await expect(body).toHaveAttribute("data-to", "3");
  const pair = (await results(page)) as Results & { timeToConvert: { bins: { visitors: number }[] } };
  expect(JSON.parse((await body.getAttribute("data-bins"))!)).toEqual(pair.timeToConvert.bins.map((b) => b.visitors));

  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByTestId("ttc")).toContainText("Tijd tot conversie");
  await expect(page.getByTestId("ttc-summary")).toContainText("Mediaan");
  await expect
    .poll(async () => JSON.parse((await page.getByTestId("ttc-chart").getAttribute("data-ticks-x"))!)[0])
    .toBe("korter dan 1 min");
});
