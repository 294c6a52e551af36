import { test, expect, type Page, type Download } from "@playwright/test";
import fs from "node:fs";
import { signUpWithDemoProject } from "./helpers";

const HEADER = "person_id,user_id,anonymous_ids,entry_source,entry_time,last_seen,traits";

/** The number in a link text like "Who dropped off (1,234)" or "Wie haakte af (1.234)". */
const shownCount = (text: string) => Number(text.match(/\(([\d.,\s]+)\)/)![1].replace(/[^\d]/g, ""));

async function records(download: Download): Promise<string[]> {
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.endsWith("\r\n")).toBe(true);
  return text.slice(0, -2).split("\r\n");
}

async function stepCounts(page: Page): Promise<number[]> {
  return Promise.all([1, 2, 3].map(async (k) => shownCount(`(${await page.getByTestId(`step-visitors-${k}`).innerText()})`)));
}

test("who dropped off after step 2: a CSV with exactly the people the link counts, in English and Dutch", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signUpWithDemoProject(page, { teamName: "Team Audience", project: "Fietsenwinkel" });
  const link = page.getByTestId("audience-2");
  await expect(link).toHaveText(/^Who dropped off \([\d,]+\)$/);
  const shown = shownCount(await link.innerText());
  const [, v2, v3] = await stepCounts(page);
  expect(shown).toBe(v2 - v3);
  expect(shown).toBeGreaterThan(0);
  // No link after the last step.
  await expect(page.getByTestId("audience-5")).toHaveCount(0);

  // By keyboard: focus the link and press Enter.
  await link.focus();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toMatch(/-dropped-after-step-2-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = await records(download);
  expect(lines[0]).toBe(HEADER);
  expect(lines.length - 1).toBe(shown);
  expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(shown);

  // A filter in the URL narrows both the number and the file.
  await page.getByTestId("add-filter").selectOption("device");
  await page.getByTestId("filter-value").selectOption("desktop");
  await expect(page.getByTestId("chip-device-desktop")).toBeVisible();
  await expect(link).not.toHaveText(`Who dropped off (${shown.toLocaleString("en-GB")})`);
  const filteredShown = shownCount(await link.innerText());
  const [filtered] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect((await records(filtered)).length - 1).toBe(filteredShown);

  // In Dutch.
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByTestId("audience-2")).toHaveText(/^Wie haakte af \([\d.]+\)$/);
  expect(shownCount(await page.getByTestId("audience-2").innerText())).toBe(filteredShown);

  // A shared report shows no audience links, and its visitor cannot download one.
  await page.locator("[data-testid=locale-en]:visible").click();
  await page.getByTestId("create-share").click();
  const url = await page.getByTestId("share-url").inputValue();
  const client = await browser.newContext();
  const view = await client.newPage();
  await view.goto(url);
  await expect(view.getByTestId("step-visitors-2")).toBeVisible();
  await expect(view.getByTestId("audience-1")).toHaveCount(0);
  await expect(view.getByText(/Who dropped off/)).toHaveCount(0);
  const href = (await link.getAttribute("href"))!;
  const token = url.split("/").pop()!;
  for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[])
    expect([401, 404]).toContain((await view.request.get(href, { headers })).status());
  await client.close();
});
