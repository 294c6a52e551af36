import { test, expect } from "@playwright/test";
import { signUp, logIn, uniqueEmail, PASSWORD } from "./helpers";

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
