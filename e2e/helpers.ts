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
  await page.getByLabel(/email|e-mail/i).fill(email);
  await page.getByLabel(/^(password|wachtwoord)$/i).fill(PASSWORD);
  if (opts.teamName) await page.getByLabel(/team/i).fill(opts.teamName);
  await page.getByRole("button", { name: /create account|account aanmaken/i }).click();
  await expect(page).not.toHaveURL(/\/signup/);
  return { email, password: PASSWORD };
}

export async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/email|e-mail/i).fill(email);
  await page.getByLabel(/^(password|wachtwoord)$/i).fill(password);
  await page.getByRole("button", { name: /^(log in|inloggen)$/i }).click();
}
