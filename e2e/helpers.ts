import { expect, type Page } from "@playwright/test";

let counter = 0;
/** A unique email per test run, so tests never collide with earlier accounts. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${Date.now()}-${process.pid}-${counter++}@example.nl`;
}

export const PASSWORD = "correct horse battery staple";

/** Signs up through the form and waits until the app has taken the user in. */
export async function signUp(page: Page, opts: { name?: string; email?: string; teamName?: string } = {}) {
  await page.goto("/signup");
  return fillSignup(page, opts);
}

/** Fills and submits the sign-up form already on the page. */
export async function fillSignup(page: Page, opts: { name?: string; email?: string; teamName?: string } = {}) {
  const email = opts.email ?? uniqueEmail();
  await page.getByLabel(/your name|je naam/i).fill(opts.name ?? "Sanne de Vries");
  // From an invite link the invited address is already filled in (and cannot be changed).
  const emailField = page.getByLabel(/email|e-mail/i);
  if (await emailField.isEditable()) await emailField.fill(email);
  await page.getByLabel(/^(password|wachtwoord)$/i).fill(PASSWORD);
  if (opts.teamName) await page.getByLabel(/team/i).fill(opts.teamName);
  await page.getByRole("button", { name: /create account|account aanmaken/i }).click();
  await expect(page).not.toHaveURL(/\/signup/);
  return { email, password: PASSWORD };
}

/**
 * Opens an invite link signed out, creates an account from it (the invited address is filled in,
 * no team is asked for) and waits until the app has taken the invitee into the inviting team.
 */
export async function signUpFromInvite(page: Page, inviteLink: string, opts: { name?: string } = {}) {
  await page.goto(new URL(inviteLink).pathname);
  await page.getByRole("link", { name: /create an account|account aanmaken/i }).click();
  await expect(page).toHaveURL(/\/signup\?invite=/);
  const email = await page.getByLabel(/email|e-mail/i).inputValue();
  await fillSignup(page, { name: opts.name, email });
  await expect(page).toHaveURL(/\/projects/);
  return { email };
}

export async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  // From an invite link the invited address is already filled in (and cannot be changed).
  const emailField = page.getByLabel(/email|e-mail/i);
  if (await emailField.isEditable()) await emailField.fill(email);
  await page.getByLabel(/^(password|wachtwoord)$/i).fill(password);
  await page.getByRole("button", { name: /^(log in|inloggen)$/i }).click();
}

/** Signs up and walks the onboarding (English) to a project with demo data; returns its id. */
export async function signUpWithDemoProject(
  page: Page,
  opts: { teamName?: string; project?: string; sector?: string; email?: string } = {},
) {
  await signUp(page, { teamName: opts.teamName, email: opts.email });
  await page.getByLabel("Project name").fill(opts.project ?? "Fietsenwinkel");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId(`sector-${opts.sector ?? "ecommerce"}`).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("create-project").click();
  await page.getByTestId("load-demo").click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(page.getByTestId("stat-entered")).not.toHaveText("0", { timeout: 30_000 });
  return page.url().split("/").pop()!;
}

/** Walks the onboarding (English labels) to a new project without demo data; returns its id. */
export async function createProjectQuickly(page: Page, opts: { project?: string; sector?: string } = {}) {
  await page.goto("/projects/new");
  await page.getByLabel(/^(Project name|Projectnaam)$/).fill(opts.project ?? "Snel project");
  await page.getByRole("button", { name: /^(Next|Volgende)$/ }).click();
  await page.getByTestId(`sector-${opts.sector ?? "ecommerce"}`).click();
  await page.getByRole("button", { name: /^(Next|Volgende)$/ }).click();
  await page.getByTestId("create-project").click();
  await page.getByTestId("onboarding-skip").click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}
