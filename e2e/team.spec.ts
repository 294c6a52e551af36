import { test, expect } from "@playwright/test";
import { signUp, signUpFromInvite, uniqueEmail } from "./helpers";

test("an owner invites a colleague, who joins as viewer and cannot change anything", async ({ page, browser }) => {
  await signUp(page, { teamName: "Bureau Oranje" });
  await page.goto("/team");
  const colleague = uniqueEmail("viewer");
  await page.getByLabel("Email address").fill(colleague);
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toContain("/invite/");

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await other.goto(link);
  await expect(other.getByRole("heading", { name: "Join Bureau Oranje" })).toBeVisible();
  // Signing up from the invite joins the team at once (the address is the invited one).
  expect((await signUpFromInvite(other, link, { name: "Vera Viewer" })).email).toBe(colleague);
  // In the inviting team, and in no other (no empty team of their own to switch to).
  await expect(other.getByTestId("team-name")).toHaveText("Bureau Oranje");
  await expect(other.getByTestId("team-switcher")).toHaveCount(0);
  await expect(other.getByTestId("new-project")).toHaveCount(0);
  await other.goto("/team");
  await expect(other.getByTestId("viewer-notice")).toBeVisible();
  await expect(other.getByRole("button", { name: "Create invite link" })).toHaveCount(0);

  // The link worked once.
  const third = await browser.newContext();
  const p3 = await third.newPage();
  await signUp(p3);
  await p3.goto(link);
  await expect(p3.getByTestId("invite-invalid")).toBeVisible();
  await ctx.close();
  await third.close();
});

test("a removed member loses the team at once, in the session they already have", async ({ page, browser }) => {
  await signUp(page, { teamName: "Bureau Weg" });
  await page.goto("/team");
  const colleague = uniqueEmail("removed");
  await page.getByLabel("Email address").fill(colleague);
  await page.getByLabel("Role").selectOption("admin");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await signUpFromInvite(other, link, { name: "Rik Removed" });
  const before = (await (await other.request.get("/api/v1/projects")).json()) as { team: { id: string; name: string } };
  expect(before.team.name).toBe("Bureau Weg");

  await page.reload();
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("member-list").locator("li", { hasText: colleague }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("member-list")).not.toContainText(colleague);

  // The same cookie, the next request: Bureau Weg is gone from what the colleague can reach.
  // Having joined from the invite they had no team of their own, so now they have none.
  const after = await other.request.get("/api/v1/projects");
  expect(after.status()).toBe(401);
  expect(JSON.stringify(await after.json())).not.toContain(before.team.id);
  // The app does not loop between the login and the projects: it offers a team of their own.
  await other.goto("/projects");
  await expect(other).toHaveURL(/\/new-team$/);
  await expect(other.getByRole("heading", { name: "You are not in a team" })).toBeVisible();
  await other.getByLabel("Team or company name").fill("Rik's bureau");
  await other.getByTestId("create-own-team").click();
  await expect(other).toHaveURL(/\/projects\/new/);
  await expect(other.getByTestId("team-name")).toHaveText("Rik's bureau");
  await expect(other.locator("[data-testid=team-switcher] option", { hasText: "Bureau Weg" })).toHaveCount(0);
  await ctx.close();
});
