import { test, expect } from "@playwright/test";
import { signUpWithDemoProject } from "./helpers";

test("a share link shows the report to a client, nothing else, until it is revoked", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signUpWithDemoProject(page, { teamName: "Bureau Geheim", project: "Klant Webshop" });
  const entered = await page.getByTestId("stat-entered").innerText();
  await page.getByTestId("create-share").click();
  const url = await page.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);

  const client = await browser.newContext();
  const view = await client.newPage();
  const response = await view.goto(url);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(view.getByTestId("share-title")).toHaveText("Shared report of Klant Webshop");
  await expect(view.getByTestId("stat-entered")).toHaveText(entered);
  // Nothing of the team: no navigation into the app, no team name, no other reports.
  await expect(view.getByRole("link", { name: "Projects" })).toHaveCount(0);
  await expect(view.getByText("Bureau Geheim")).toHaveCount(0);
  await expect(view.getByTestId("create-share")).toHaveCount(0);
  // The client may filter within the report.
  await view.getByTestId("add-filter").selectOption("device");
  await view.getByTestId("filter-value").selectOption("desktop");
  await expect(view.getByTestId("chip-device-desktop")).toBeVisible();
  // The token opens no other API.
  const token = url.split("/").pop()!;
  for (const path of ["/api/v1/projects", "/api/v1/funnels/query"]) {
    const r = path.endsWith("query") ? await view.request.post(path, { headers: { authorization: `Bearer ${token}` }, data: {} }) : await view.request.get(path, { headers: { authorization: `Bearer ${token}` } });
    expect([401, 404]).toContain(r.status());
  }

  await page.reload();
  await expect(page.getByTestId("share-list")).toContainText("Last opened");
  await page.getByTestId("revoke-share").click();
  await expect(page.getByTestId("share-list")).toContainText("Revoked");
  await view.reload();
  await expect(view.getByTestId("share-revoked")).toBeVisible();
  expect((await view.request.get(`/api/share/${token}/results`)).status()).toBe(404);
  await client.close();
});

test("a password-protected share link asks for the password first", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signUpWithDemoProject(page, { teamName: "Bureau Geheim", project: "Klant Webshop" });
  await page.getByTestId("share-password").fill("klant-2026");
  await page.getByTestId("create-share").click();
  const url = await page.getByTestId("share-url").inputValue();
  const client = await browser.newContext();
  const view = await client.newPage();
  await view.goto(url);
  await view.getByLabel("Password (optional)").fill("wrong one");
  await view.getByRole("button", { name: "Open report" }).click();
  await expect(view.getByTestId("error-password")).toHaveText("That password is not right.");
  expect((await view.request.get(`/api/share/${url.split("/").pop()}/results`)).status()).toBe(401);
  await view.getByLabel("Password (optional)").fill("klant-2026");
  await view.getByRole("button", { name: "Open report" }).click();
  await expect(view.getByTestId("share-title")).toBeVisible();
  await client.close();
});
