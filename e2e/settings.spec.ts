import { test, expect, type Page } from "@playwright/test";
import fs from "node:fs";
import { signUp } from "./helpers";

/** Signs up and walks the onboarding to an empty project (no demo data); returns its id and write key. */
async function newProject(page: Page, name: string) {
  await signUp(page);
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("sector-ecommerce").click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("create-project").click();
  const snippet = await page.getByTestId("onboarding-snippet").innerText();
  await page.getByTestId("onboarding-skip").click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  return { projectId: page.url().split("/").pop()!, writeKey: snippet.match(/tw_[A-Za-z0-9_-]+/)![0] };
}

/** A page view as the snippet sends it (text/plain, key in the body), from `origin`. */
const beacon = (page: Page, writeKey: string, origin: string, n: number) =>
  page.request.post("/v1/batch", {
    headers: { "content-type": "text/plain", origin, "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36" },
    data: JSON.stringify({
      writeKey,
      batch: [{ type: "page", anonymousId: `v${n}`, messageId: `m-${n}-${Date.now()}`, properties: { path: "/" } }],
    }),
  });

test("an admin renames the project, changes its site and time zone, limits its origins, exports and deletes it (English)", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { projectId, writeKey } = await newProject(page, "Fietsen shop");
  await page.goto(`/projects/${projectId}/settings`);

  // Project details: a wrong site is named beside its field; a good one is kept with the new name and zone.
  const details = page.getByTestId("project-details");
  await details.getByLabel("Project name").fill("Fietsen Nederland");
  await details.getByLabel("Site address").fill("https://fietsen");
  await page.getByTestId("save-project").click();
  await expect(page.getByTestId("error-siteUrl")).toHaveText("Enter the site's address, like https://www.example.nl.");
  await details.getByLabel("Site address").fill("https://www.fietsen.nl");
  await details.getByLabel("Time zone").selectOption("America/New_York");
  await page.getByTestId("save-project").click();
  await expect(page.getByTestId("project-details-message")).toHaveText("Saved.");
  await page.reload();
  await expect(details.getByLabel("Project name")).toHaveValue("Fietsen Nederland");
  await expect(details.getByLabel("Site address")).toHaveValue("https://www.fietsen.nl");
  await expect(details.getByLabel("Time zone")).toHaveValue("America/New_York");

  // Allowed origins: empty means everyone, a wrong line is named, the list then refuses other sites and counts them.
  const origins = page.getByTestId("allowed-origins");
  await expect(page.getByTestId("origins-state")).toHaveText("The list is empty: every site may send events with the write key.");
  expect((await beacon(page, writeKey, "https://copycat.example", 1)).status()).toBe(200);
  await origins.getByLabel("Sites, one per line").fill("https://www.fietsen.nl\nhttps://fietsen.nl/shop\nhttps://*.fietsen-blog.nl");
  await page.getByTestId("save-origins").click();
  await expect(page.getByTestId("origins-errors")).toHaveText("Line 2: only the site, without a path, query or #: https://www.example.nl.");
  await origins.getByLabel("Sites, one per line").fill("https://www.fietsen.nl\nhttps://*.fietsen-blog.nl");
  await expect(origins.getByLabel("Accept events without an Origin (server-side libraries)")).toBeChecked();
  await page.getByTestId("save-origins").click();
  await expect(page.getByTestId("origins-state")).toHaveText("Only these 2 sites may send events from a browser.");
  await expect(page.getByTestId("origins-refused")).toHaveText("No events were refused in the last 30 days.");
  expect((await beacon(page, writeKey, "https://copycat.example", 2)).status()).toBe(403);
  expect((await beacon(page, writeKey, "https://www.fietsen.nl", 3)).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("origins-refused")).toContainText(/^1 event was refused in the last 30 days \(last on .+\)\.$/);
  await expect(origins.getByLabel("Sites, one per line")).toHaveValue("https://www.fietsen.nl\nhttps://*.fietsen-blog.nl");

  // Export: a CSV of the range's events, downloaded by the browser.
  const exportCard = page.getByTestId("export-events");
  const download = page.waitForEvent("download");
  await exportCard.getByRole("button", { name: "Download" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^fietsen-nederland-events-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs
    .readFileSync((await file.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toMatch(/^time,received_at,name,person_id,/);
  expect(lines).toHaveLength(3);
  await expect(page.getByTestId("export-status")).toHaveText("Downloading 2 events.");
  await exportCard.getByLabel("From").fill("2026-12-31");
  await exportCard.getByLabel("To (included)").fill("2026-01-01");
  await exportCard.getByRole("button", { name: "Download" }).click();
  await expect(exportCard.getByText("Choose a start day on or before the end day.")).toBeVisible();

  // Delete: only with the name typed, then the project list without it.
  const danger = page.getByTestId("delete-project");
  const confirm = danger.getByLabel("Type the project's name, Fietsen Nederland, to confirm");
  await confirm.fill("Fietsen");
  await expect(page.getByTestId("delete-project-button")).toBeDisabled();
  await confirm.fill("Fietsen Nederland");
  await page.getByTestId("delete-project-button").click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByText("Fietsen Nederland")).toHaveCount(0);
  expect((await page.request.get(`/projects/${projectId}/settings`)).status()).toBe(404);
  expect((await beacon(page, writeKey, "https://www.fietsen.nl", 4)).status()).toBe(401);
});

test("the settings cards speak Dutch, and a Dutch admin deletes a project after typing its name", async ({ page }) => {
  const { projectId, writeKey } = await newProject(page, "Bakkerij");
  await page.goto(`/projects/${projectId}/settings`);
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("heading", { name: "Toegestane herkomst" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Events exporteren" })).toBeVisible();
  await expect(page.getByTestId("origins-state")).toHaveText("De lijst is leeg: elke site mag events sturen met de schrijfsleutel.");

  const details = page.getByTestId("project-details");
  await details.getByLabel("Projectnaam").fill("Bakkerij de Graaf");
  await page.getByTestId("save-project").click();
  await expect(page.getByTestId("project-details-message")).toHaveText("Opgeslagen.");

  const origins = page.getByTestId("allowed-origins");
  await origins.getByLabel("Sites, één per regel").fill("www.bakkerij.nl");
  await page.getByTestId("save-origins").click();
  await expect(page.getByTestId("origins-errors")).toHaveText(
    "Regel 1: geen adres van een site; schrijf het als https://www.voorbeeld.nl.",
  );
  await origins.getByLabel("Sites, één per regel").fill("https://www.bakkerij.nl");
  await origins.getByLabel("Events zonder Origin accepteren (bibliotheken op een server)").uncheck();
  await page.getByTestId("save-origins").click();
  await expect(page.getByTestId("origins-state")).toHaveText("Alleen 1 site mag events sturen vanuit een browser.");
  // A server-side call (no Origin) is now refused too, and counted.
  const server = await page.request.post("/v1/track", {
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}` },
    data: { userId: "u1", event: "purchase" },
  });
  expect(server.status()).toBe(403);
  await page.reload();
  await expect(page.getByTestId("origins-refused")).toContainText(/^Er is de afgelopen 30 dagen 1 event geweigerd \(het laatst op .+\)\.$/);

  await page.getByTestId("export-events").getByLabel("Van").fill("2026-12-31");
  await page.getByTestId("export-events").getByLabel("Tot en met").fill("2026-01-01");
  await page.getByTestId("export-button").click();
  await expect(page.getByText("Kies een begindag op of vóór de einddag.")).toBeVisible();

  const confirm = page.getByLabel("Typ de naam van het project, Bakkerij de Graaf, ter bevestiging");
  await confirm.fill("Bakkerij de Graaf");
  await page.getByRole("button", { name: "Dit project verwijderen" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByText("Bakkerij de Graaf")).toHaveCount(0);
  await page.locator("[data-testid=locale-en]:visible").click();
});
