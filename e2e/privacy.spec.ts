import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

/** The page scrolls sideways when its content is wider than the viewport. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "no horizontal scroll").toBeLessThanOrEqual(0);
}

const setLocale = (page: Page, locale: "en" | "nl") =>
  page.context().addCookies([{ name: "trechter_locale", value: locale, url: new URL(page.url()).origin }]);

test("an admin finds a dropped-off visitor from the funnel, sees what is kept about them, and deletes them for good", async ({ page }) => {
  test.setTimeout(180_000);
  const projectId = await signUpWithDemoProject(page, { teamName: "Privacy team" });

  // From the funnel's step table to the people who dropped off after step 1.
  await page.getByTestId("audience-people-1").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/funnels/[0-9a-f-]{36}/audience\\?step=1`));
  await expect(page.getByRole("heading", { name: /Who dropped off after/ })).toBeVisible();
  const sizeText = (await page.getByTestId("audience-size").textContent())!;
  const before = Number(sizeText.match(/^([\d,]+) people/)![1].replace(/,/g, ""));
  expect(before).toBeGreaterThan(0);
  const firstRow = page.getByTestId("audience-row").first();
  const personId = (await firstRow.getByRole("rowheader").textContent())!.trim();

  // The person's page: their events and devices; the delete needs their id typed again.
  await firstRow.getByTestId("audience-delete").click();
  await expect(page.getByRole("heading", { name: `Person ${personId}` })).toBeVisible();
  await expect(page.getByTestId("person-events")).toContainText(/\d+ events?/);
  const deleteButton = page.getByTestId("delete-person");
  await expect(deleteButton).toBeDisabled();
  await page.getByTestId("delete-person-confirm").fill(personId.slice(0, -1));
  await expect(deleteButton).toBeDisabled();
  await page.getByTestId("delete-person-confirm").fill(personId);
  await deleteButton.click();
  await expect(page.getByTestId("person-deleted")).toContainText(`${personId} was deleted:`);
  await expect(page.getByTestId("person-deleted")).toContainText(/\d+ events?, \d+ devices?, \d+ identity links?, \d+ person records?/);

  // Back on the audience: one person fewer, and not them.
  await page.getByTestId("person-deleted").getByRole("link", { name: "Back to the audience" }).click();
  await expect(page.getByTestId("audience-size")).toContainText(
    `${(before - 1).toLocaleString("en")} ${before - 1 === 1 ? "person" : "people"}`,
  );
  await expect(page.getByTestId("audience-people").getByRole("rowheader", { name: personId, exact: true })).toHaveCount(0);

  // Looking them up now says nobody has that id, beside the field.
  await page.goto(`/projects/${projectId}/persons?id=${encodeURIComponent(personId)}`);
  await expect(page.getByTestId("person-lookup-error")).toHaveText(`Nobody in this project has the id “${personId}”.`);
});

test("an admin deletes a person through the API with their session; a read key gets a 403", async ({ page }) => {
  test.setTimeout(180_000);
  const projectId = await signUpWithDemoProject(page, { teamName: "API privacy team" });
  await page.goto(`/projects/${projectId}/settings`);
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("rotate-read").click();
  const readKey = (await page.getByTestId("read-key").inputValue()).trim();
  expect(readKey).toMatch(/^tr_/);

  // A person of the demo traffic, found through the audience page.
  await page.goto(`/projects/${projectId}`);
  await page.getByTestId("audience-people-1").click();
  const personId = (await page.getByTestId("audience-row").first().getByRole("rowheader").textContent())!.trim();

  const byKey = await page.request.delete(`/api/v1/projects/${projectId}/persons/${encodeURIComponent(personId)}`, {
    headers: { authorization: `Bearer ${readKey}` },
  });
  expect(byKey.status()).toBe(403);
  const res = await page.request.delete(`/api/v1/projects/${projectId}/persons/${encodeURIComponent(personId)}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { personId: string; deleted: Record<string, number> };
  expect(body.personId).toBe(personId);
  expect(body.deleted.events).toBeGreaterThan(0);
  expect(Object.keys(body.deleted).sort()).toEqual(["devices", "events", "funnelFacts", "identityLinks", "persons"]);
  expect((await page.request.delete(`/api/v1/projects/${projectId}/persons/${encodeURIComponent(personId)}`)).status()).toBe(404);
});

test("the retention setting is saved, checked beside the field, and worded in Dutch", async ({ page }) => {
  test.setTimeout(120_000);
  const projectId = await signUpWithDemoProject(page, { teamName: "Retention team" });
  await page.goto(`/projects/${projectId}/settings`);
  const card = page.getByTestId("retention-card");
  await expect(card.getByRole("heading", { name: "Data retention" })).toBeVisible();
  const field = card.getByLabel("Keep events for");
  await expect(field).toHaveValue("25");

  await field.fill("0");
  await field.blur();
  await expect(card.getByTestId("error-months")).toBeVisible();
  await field.fill("13");
  await card.getByTestId("retention-save").click();
  await expect(card.getByTestId("retention-saved")).toContainText("Saved. Events from before");
  await page.reload();
  await expect(page.getByTestId("retention-card").getByLabel("Keep events for")).toHaveValue("13");
  await expectNoSidewaysScroll(page);

  await setLocale(page, "nl");
  await page.reload();
  const nl = page.getByTestId("retention-card");
  await expect(nl.getByRole("heading", { name: "Bewaartermijn" })).toBeVisible();
  await expect(nl.getByTestId("retention-horizon")).toContainText("Events van vóór");
  await nl.getByLabel("Events bewaren").fill("24");
  await nl.getByTestId("retention-save").click();
  await expect(nl.getByTestId("retention-saved")).toContainText("Opgeslagen.");

  // The person page and the audience in Dutch, without sideways scrolling on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/projects/${projectId}`);
  await page.getByTestId("audience-people-1").click();
  await expect(page.getByRole("heading", { name: /Wie afhaakte na/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.getByTestId("audience-row").first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Deze persoon verwijderen" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Definitief verwijderen" })).toBeDisabled();
  await expectNoSidewaysScroll(page);
});
