import { test, expect } from "@playwright/test";
import { signUp, logIn, uniqueEmail, PASSWORD, createProjectQuickly, fillSignup } from "./helpers";

test("sign up takes a new user into their team's dashboard", async ({ page }) => {
  await signUp(page, { name: "Sanne de Vries", teamName: "Bakkerij Sanne" });
  await page.goto("/projects");
  await expect(page.getByTestId("team-name")).toHaveText("Bakkerij Sanne");
  await expect(page.getByTestId("projects-empty")).toBeVisible();
  await expect(page.getByRole("link", { name: "Create your first project" })).toBeVisible();
});

test("log out ends the session and protected pages redirect to log in", async ({ page }) => {
  await signUp(page);
  await page.goto("/projects");
  await page.getByTestId("user-menu").click();
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/login/);
  const api = await page.request.get("/api/v1/projects");
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("unauthenticated");
});

test("a wrong password shows an error that does not reveal whether the email exists", async ({ page, browser }) => {
  const { email } = await signUp(page);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await logIn(other, email, "not the password at all");
  await expect(other.getByTestId("login-error")).toHaveText("That email and password do not match an account.");
  await logIn(other, uniqueEmail("nobody"), "not the password at all");
  await expect(other.getByTestId("login-error")).toHaveText("That email and password do not match an account.");
  await logIn(other, email, PASSWORD);
  await expect(other).toHaveURL(/\/projects/);
  await fresh.close();
});

test("sign-up errors appear next to the fields", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Piet");
  await page.getByLabel("Email address").fill("piet@");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("error-email")).toHaveText("Enter a valid email address, like name@company.nl.");
  await expect(page.getByTestId("error-password")).toHaveText("Use at least 10 characters.");
  await expect(page.getByLabel("Your name")).toHaveValue("Piet");
});

test("a second account with the same email is refused", async ({ page, browser }) => {
  const { email } = await signUp(page);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto("/signup");
  await other.getByLabel("Your name").fill("Twin");
  await other.getByLabel("Email address").fill(email.toUpperCase());
  await other.getByLabel("Password").fill(PASSWORD);
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.getByTestId("error-email")).toContainText("already exists");
  await fresh.close();
});

test("Dutch browsers get Dutch, and the language can be switched", async ({ browser }) => {
  const nl = await browser.newContext({ locale: "nl-NL" });
  const page = await nl.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Inloggen bij Trechter" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await page.getByTestId("locale-en").click();
  await expect(page.getByRole("heading", { name: "Log in to Trechter" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Log in to Trechter" })).toBeVisible();
  await page.getByTestId("locale-nl").click();
  await expect(page.getByRole("heading", { name: "Inloggen bij Trechter" })).toBeVisible();
  await nl.close();
});

test("repeated failed logins are paused for that account", async ({ page, browser }) => {
  const { email } = await signUp(page);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  for (let i = 0; i < 5; i++) {
    await logIn(other, email, `wrong password ${i}`);
    await expect(other.getByTestId("login-error")).toHaveText("That email and password do not match an account.");
  }
  // Even the right password waits until the pause is over.
  await logIn(other, email, PASSWORD);
  await expect(other.getByTestId("login-error")).toContainText("Too many failed attempts");
  await fresh.close();
});

test("a logged-out visit to a project page comes back to that page after login; an unsafe next does not leave the app", async ({
  page,
}) => {
  const { email } = await signUp(page);
  const projectId = await createProjectQuickly(page);
  await page.getByTestId("user-menu").click();
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login/);

  const deep = `/projects/${projectId}/goals?range=7d`;
  await page.goto(deep);
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(new URL(page.url()).searchParams.get("next")).toBe(deep);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(deep);
  await expect(page.getByRole("heading", { name: "Goals", exact: true })).toBeVisible();

  // A next that names another site is dropped: the login lands on the project list.
  await page.getByTestId("user-menu").click();
  await page.getByTestId("logout").click();
  await page.goto("/login?next=" + encodeURIComponent("//evil.example/projects"));
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
});

test("an invitee signs up from the invite (in Dutch): the address is filled in, no team is asked, and they land in the inviting team", async ({
  page,
  browser,
}) => {
  await signUp(page, { teamName: "Bureau Noord" });
  await page.goto("/team");
  const colleague = uniqueEmail("invitee");
  await page.getByLabel("Email address").fill(colleague);
  await page.getByLabel("Role").selectOption("admin");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();

  const ctx = await browser.newContext({ locale: "nl-NL" });
  const other = await ctx.newPage();
  await other.goto(new URL(link).pathname);
  await other.getByRole("link", { name: "Account aanmaken" }).click();
  await expect(other).toHaveURL(/\/signup\?invite=/);
  await expect(other.getByRole("heading", { name: "Word lid van Bureau Noord op Trechter" })).toBeVisible();
  await expect(other.getByLabel("E-mailadres")).toHaveValue(colleague);
  await expect(other.getByLabel("E-mailadres")).not.toBeEditable();
  await expect(other.getByLabel("Naam van je team of bedrijf")).toHaveCount(0);
  await fillSignup(other, { name: "Noor Nieuw", email: colleague });
  await expect(other).toHaveURL(/\/projects/);
  await expect(other.getByTestId("team-name")).toHaveText("Bureau Noord");
  await expect(other.getByTestId("team-switcher")).toHaveCount(0);
  const mine = (await (await other.request.get("/api/v1/projects")).json()) as { team: { name: string } };
  expect(mine.team.name).toBe("Bureau Noord");
  // The link is used up; signing up from it again says so instead of making an account.
  const third = await browser.newContext();
  const p3 = await third.newPage();
  await p3.goto(`/signup?invite=${encodeURIComponent(new URL(link).pathname.split("/").pop()!)}`);
  await expect(p3.getByTestId("signup-error")).toContainText("expired, already used or revoked");
  await ctx.close();
  await third.close();
});
