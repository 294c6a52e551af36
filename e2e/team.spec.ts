import { test, expect } from "@playwright/test";
import { signUp, fillSignup, uniqueEmail } from "./helpers";

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
  await other.getByRole("link", { name: "Create an account" }).click();
  await fillSignup(other, { email: colleague, name: "Vera Viewer" });
  // Sign-up brings the new user back to the invite.
  await expect(other).toHaveURL(link);
  await other.getByTestId("accept-invite").click();
  await expect(other).toHaveURL(/\/projects/);
  await expect(other.getByTestId("team-switcher")).toHaveValue(/.+/);
  await expect(other.locator("[data-testid=team-switcher] option:checked")).toHaveText("Bureau Oranje");
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
  await other.goto(link);
  await other.getByRole("link", { name: "Create an account" }).click();
  await fillSignup(other, { email: colleague, name: "Rik Removed" });
  await other.getByTestId("accept-invite").click();
  await expect(other).toHaveURL(/\/projects/);
  const before = (await (await other.request.get("/api/v1/projects")).json()) as { team: { id: string; name: string } };
  expect(before.team.name).toBe("Bureau Weg");

  await page.reload();
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("member-list").locator("li", { hasText: colleague }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("member-list")).not.toContainText(colleague);

  // The same cookie, the next request: Bureau Weg is gone from what the colleague can reach.
  const after = (await (await other.request.get("/api/v1/projects")).json()) as { team: { id: string } };
  expect(after.team.id).not.toBe(before.team.id);
  await other.goto("/projects");
  await expect(other.locator("[data-testid=team-switcher] option", { hasText: "Bureau Weg" })).toHaveCount(0);
  await ctx.close();
});
