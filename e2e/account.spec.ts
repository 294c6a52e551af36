import { test, expect, type Browser, type Page } from "@playwright/test";
import { signUp, logIn, uniqueEmail, fillSignup, signUpFromInvite, PASSWORD } from "./helpers";
import { startSmtpServer, type ReceivedMail } from "../tests/smtp";
import { totpCode } from "../lib/auth/totp";
import { E2E_SMTP_PORT } from "../playwright.config";
import { actionIds, callAction } from "./actions";

/**
 * Accounts: password reset by mail, e-mail and password changes, two-factor sign-in, deleting an
 * account. The app mails through a real SMTP server run here (SMTP_URL in playwright.config.ts).
 */

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
test.beforeAll(async () => {
  smtp = await startSmtpServer({ port: E2E_SMTP_PORT });
});
test.afterAll(() => smtp.close());

const LOCALES = [
  { lang: "en", locale: "en-GB" },
  { lang: "nl", locale: "nl-NL" },
] as const;

const words = {
  en: {
    forgot: "Forgot password?",
    send: "Send reset link",
    newPassword: "New password",
    setPassword: "Set new password",
    currentPassword: "Current password",
    changePassword: "Change password",
    code: "Code",
    verify: "Verify",
    subject: "Reset your Trechter password",
  },
  nl: {
    forgot: "Wachtwoord vergeten?",
    send: "Link sturen",
    newPassword: "Nieuw wachtwoord",
    setPassword: "Nieuw wachtwoord instellen",
    currentPassword: "Huidig wachtwoord",
    changePassword: "Wachtwoord wijzigen",
    code: "Code",
    verify: "Controleren",
    subject: "Nieuw wachtwoord voor Trechter",
  },
} as const;

/** The next mail to `to` that arrives after `since` mails had. */
async function mailTo(to: string, since: number): Promise<ReceivedMail> {
  await expect.poll(() => smtp.received.slice(since).some((m) => m.to.includes(to)), { timeout: 15_000 }).toBe(true);
  return smtp.received.slice(since).find((m) => m.to.includes(to))!;
}
const linkIn = (mail: ReceivedMail, path: string) => mail.text.match(new RegExp(`https?://\\S+/${path}/[A-Za-z0-9_-]+`))![0];

async function newPage(browser: Browser, locale: string): Promise<Page> {
  const ctx = await browser.newContext({ locale });
  return ctx.newPage();
}

/** Whether the page's session still opens the app (a signed-out one is sent to /login). */
async function signedIn(page: Page): Promise<boolean> {
  const res = await page.request.get("/api/v1/projects");
  return res.status() === 200;
}

for (const { lang, locale } of LOCALES) {
  test(`[${lang}] a forgotten password is reset by mail: the link works once, every session ends, and unknown addresses get the same answer`, async ({
    browser,
  }) => {
    const w = words[lang];
    const owner = await newPage(browser, locale);
    const { email } = await signUp(owner);
    expect(await signedIn(owner)).toBe(true);

    const page = await newPage(browser, locale);
    await page.goto("/login");
    await page.getByRole("link", { name: w.forgot }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    const before = smtp.received.length;
    await page.getByLabel(/e-?mail/i).fill("nobody-" + email);
    await page.getByRole("button", { name: w.send }).click();
    const unknownAnswer = (await page.getByTestId("reset-sent").innerText()).replace("nobody-" + email, "…");
    await page.getByLabel(/e-?mail/i).fill(email);
    await page.getByRole("button", { name: w.send }).click();
    // The first answer names "nobody-<email>", which contains the address too: wait until it is replaced.
    await expect(page.getByTestId("reset-sent")).not.toContainText("nobody-");
    await expect(page.getByTestId("reset-sent")).toContainText(email);
    expect((await page.getByTestId("reset-sent").innerText()).replace(email, "…")).toBe(unknownAnswer);

    const mail = await mailTo(email, before);
    expect(mail.subject).toBe(w.subject);
    expect(smtp.received.slice(before).filter((m) => m.to.includes("nobody-" + email))).toHaveLength(0);
    const link = linkIn(mail, "reset-password");
    expect(mail.html).toContain(link);

    await page.goto(link);
    await page.getByLabel(w.newPassword).fill("short");
    await page.getByRole("button", { name: w.setPassword }).click();
    await expect(page.getByTestId("error-password")).toBeVisible();
    await page.getByLabel(w.newPassword).fill("a fresh new password");
    await page.getByRole("button", { name: w.setPassword }).click();
    await expect(page).toHaveURL(/\/login\?reset=1$/);
    await expect(page.getByTestId("login-notice")).toBeVisible();
    expect(await signedIn(owner), "the session that was open elsewhere has ended").toBe(false);

    await logIn(page, email, PASSWORD);
    await expect(page.getByTestId("login-error")).toBeVisible();
    await logIn(page, email, "a fresh new password");
    await expect(page).toHaveURL(/\/projects/);

    // The link a second time.
    await page.goto(link);
    await expect(page.getByTestId("reset-invalid")).toBeVisible();
    await owner.context().close();
    await page.context().close();
  });

  test(`[${lang}] changing the password needs the current one and signs out the other browser`, async ({ browser }) => {
    const w = words[lang];
    const page = await newPage(browser, locale);
    const { email } = await signUp(page);
    const other = await newPage(browser, locale);
    await logIn(other, email);
    await expect(other).toHaveURL(/\/projects/);

    await page.goto("/projects");
    await page.getByTestId("user-menu").click();
    await page.getByTestId("account-link").click();
    await expect(page).toHaveURL(/\/account$/);
    const form = page.getByTestId("password-form");
    await form.getByLabel(w.currentPassword).fill("not my password");
    await form.getByLabel(w.newPassword).fill("another long password");
    await form.getByRole("button", { name: w.changePassword }).click();
    await expect(form.getByTestId("error-currentPassword")).toBeVisible();
    expect(await signedIn(other)).toBe(true);

    await form.getByLabel(w.currentPassword).fill(PASSWORD);
    await form.getByRole("button", { name: w.changePassword }).click();
    await expect(page.getByTestId("password-changed")).toBeVisible();
    expect(await signedIn(other), "the other browser is signed out").toBe(false);
    expect(await signedIn(page), "this browser stays signed in").toBe(true);
    await other.context().close();
    await page.context().close();
  });

  test(`[${lang}] two-factor sign-in: set up with the key, then the login asks for a code, each code works once, recovery codes work`, async ({
    browser,
  }) => {
    const w = words[lang];
    const page = await newPage(browser, locale);
    const { email } = await signUp(page);
    await page.goto("/account");
    await page.getByTestId("totp-start").click();
    await expect(page.getByTestId("totp-qr")).toBeVisible();
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
    const setup = page.getByTestId("totp-setup");
    await setup.getByRole("textbox").fill("000000");
    await setup.getByRole("button").first().click();
    await expect(setup.getByTestId("error-code")).toBeVisible();
    await setup.getByRole("textbox").fill(totpCode(secret, Date.now()));
    await setup.getByRole("button").first().click();
    // The codes appear once the server has turned two-factor on (allInnerTexts does not wait for them).
    await expect(page.getByTestId("recovery-code")).toHaveCount(10);
    const codes = await page.getByTestId("recovery-code").allInnerTexts();

    // Signing in elsewhere: password, then code.
    const other = await newPage(browser, locale);
    await logIn(other, email);
    await expect(other.getByTestId("totp-login")).toBeVisible();
    expect(await signedIn(other), "no session before the code").toBe(false);
    await other.getByLabel(w.code).fill("123456");
    await other.getByRole("button", { name: w.verify }).click();
    await expect(other.getByTestId("error-code")).toBeVisible();
    // A fresh step's code (the set-up spent the current one), then the same code again elsewhere.
    const code = totpCode(secret, Date.now() + 30_000);
    await other.getByLabel(w.code).fill(code);
    await other.getByRole("button", { name: w.verify }).click();
    await expect(other).toHaveURL(/\/projects/);

    const third = await newPage(browser, locale);
    await logIn(third, email);
    await third.getByLabel(w.code).fill(code);
    await third.getByRole("button", { name: w.verify }).click();
    await expect(third.getByTestId("error-code")).toBeVisible();
    await third.getByLabel(w.code).fill(codes[0].toUpperCase());
    await third.getByRole("button", { name: w.verify }).click();
    await expect(third).toHaveURL(/\/projects/);
    await third.goto("/account");
    await expect(third.getByTestId("recovery-left")).toContainText("9");
    for (const p of [page, other, third]) await p.context().close();
  });
}

test("login and sign-up called with anything but their form answer without a 500", async ({ browser, baseURL }) => {
  const ids = actionIds();
  const stranger = await browser.newContext();
  for (const name of ["loginAction", "signupAction"]) {
    const id = ids.get(`app/(auth)/actions.ts#${name}`)!;
    expect(id, `${name} is in the build`).toBeTruthy();
    for (const args of [[{}, "x"], [{}, null], []]) {
      const r = await callAction(stranger.request, baseURL!, id, args);
      expect(r.status, `${name}(${JSON.stringify(args)})`).toBeLessThan(500);
    }
  }
  await stranger.close();
});

test("a reset asked for through another Host is not mailed: its link would lead to the stranger's server", async ({ browser, baseURL }) => {
  const owner = await newPage(browser, "en-GB");
  const { email } = await signUp(owner);
  const id = actionIds().get("app/(auth)/account-actions.ts#requestPasswordResetAction")!;
  expect(id, "the reset action is in the build").toBeTruthy();
  const before = smtp.received.length;
  const stranger = await browser.newContext();
  const asked = await callAction(stranger.request, baseURL!, id, [email], { Host: "attacker.example", Origin: "http://attacker.example" });
  expect(asked.threw || (asked.value as { ok?: boolean }).ok === false, "the request is refused, not answered as sent").toBe(true);
  // The same request on the app's own host is mailed, with a link to it.
  const own = await callAction(stranger.request, baseURL!, id, [email]);
  expect((own.value as { ok?: boolean }).ok).toBe(true);
  const mail = await mailTo(email, before);
  expect(linkIn(mail, "reset-password").startsWith(`${baseURL}/reset-password/`)).toBe(true);
  expect(smtp.received.slice(before).some((m) => m.text.includes("attacker.example"))).toBe(false);
  await stranger.close();
});

test("a new e-mail address is confirmed from the mail to it; the old address is told, and the other browser is signed out", async ({
  browser,
}) => {
  const page = await newPage(browser, "en-GB");
  const { email } = await signUp(page);
  const other = await newPage(browser, "nl-NL");
  await logIn(other, email);
  await expect(other).toHaveURL(/\/projects/);
  const newEmail = uniqueEmail("moved");
  const before = smtp.received.length;
  await page.goto("/account");
  const form = page.getByTestId("email-form");
  await form.getByLabel("New e-mail address").fill(newEmail);
  await form.getByLabel("Current password").fill(PASSWORD);
  await form.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByTestId("email-sent")).toContainText(newEmail);
  const notice = await mailTo(email, before);
  expect(notice.subject).toBe("The e-mail address of your Trechter account is being changed");
  expect(notice.text).toContain(newEmail);
  expect(notice.text).not.toContain("/confirm-email/");
  const link = linkIn(await mailTo(newEmail, before), "confirm-email");

  // Opening the link changes nothing until the button is pressed.
  await page.goto(link);
  expect(await signedIn(other)).toBe(true);
  await page.getByRole("button", { name: "Confirm new address" }).click();
  await expect(page.getByTestId("email-confirmed")).toContainText(newEmail);
  expect(await signedIn(other)).toBe(false);
  expect(await signedIn(page)).toBe(true);

  await logIn(other, newEmail);
  await expect(other).toHaveURL(/\/projects/);
  await page.goto(link);
  await expect(page.getByTestId("email-link-invalid")).toBeVisible();
  await other.context().close();
  await page.context().close();
});

test("asking for a new address is limited to three an hour: each mails an address the user chose", async ({ browser, baseURL }) => {
  const page = await newPage(browser, "en-GB");
  await signUp(page);
  const id = actionIds().get("app/(app)/account/actions.ts#requestEmailChangeAction")!;
  expect(id, "the action is in the build").toBeTruthy();
  const before = smtp.received.length;
  const targets = [1, 2, 3, 4].map(() => uniqueEmail("elsewhere"));
  const answers = [];
  for (const to of targets) answers.push(await callAction(page.request, baseURL!, id, [to, PASSWORD]));
  expect(answers.slice(0, 3).map((a) => (a.value as { ok?: boolean }).ok)).toEqual([true, true, true]);
  expect(answers[3].value).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  await mailTo(targets[2], before);
  expect(smtp.received.slice(before).some((m) => m.to.includes(targets[3]))).toBe(false);
  await page.context().close();
});

test("deleting an account: refused while last owner of a team with members (named, with what to do), then done in Dutch", async ({
  browser,
}) => {
  const owner = await newPage(browser, "nl-NL");
  const { email } = await signUp(owner, { teamName: "Bakkerij Blijft" });
  await owner.goto("/team");
  const colleague = uniqueEmail("stays");
  await owner.getByLabel(/e-mailadres/i).fill(colleague);
  await owner.getByRole("button", { name: /uitnodigingslink/i }).click();
  const invite = await owner.getByTestId("invite-link").inputValue();
  const member = await newPage(browser, "nl-NL");
  await signUpFromInvite(member, invite, { name: "Mees Member" });

  await owner.goto("/account");
  await expect(owner.getByTestId("delete-blocked")).toContainText("Bakkerij Blijft");
  await expect(owner.getByTestId("delete-blocked")).toContainText("1 ander lid");
  await expect(owner.getByTestId("delete-form")).toHaveCount(0);

  // The member leaves the team by deleting their account (they own no team).
  await member.goto("/account");
  await expect(member.getByTestId("delete-teams")).toHaveCount(0);
  const form = member.getByTestId("delete-form");
  await form.getByLabel(/typ je e-mailadres/i).fill("iemand@anders.nl");
  await form.getByLabel("Je wachtwoord").fill(PASSWORD);
  await form.getByRole("button", { name: "Mijn account verwijderen" }).click();
  await expect(form.getByTestId("error-confirm")).toBeVisible();
  await form.getByLabel(/typ je e-mailadres/i).fill(colleague);
  await form.getByRole("button", { name: "Mijn account verwijderen" }).click();
  await expect(member).toHaveURL(/\/login\?deleted=1$/);
  await expect(member.getByTestId("login-notice")).toContainText("verwijderd");
  await logIn(member, colleague);
  await expect(member.getByTestId("login-error")).toBeVisible();

  // With the member gone, the owner is alone in the team: it goes with the account.
  await owner.reload();
  await expect(owner.getByTestId("delete-teams")).toContainText("Bakkerij Blijft");
  const ownerForm = owner.getByTestId("delete-form");
  await ownerForm.getByLabel(/typ je e-mailadres/i).fill(email);
  await ownerForm.getByLabel("Je wachtwoord").fill(PASSWORD);
  await ownerForm.getByRole("button", { name: "Mijn account verwijderen" }).click();
  await expect(owner).toHaveURL(/\/login\?deleted=1$/);
  await logIn(owner, email);
  await expect(owner.getByTestId("login-error")).toBeVisible();
  await owner.context().close();
  await member.context().close();
});

test("a team owner requires two-factor sign-in: a member without it is sent to set it up, and gets back in after", async ({ browser }) => {
  const owner = await newPage(browser, "en-GB");
  await signUp(owner, { teamName: "Strict BV" });
  await owner.goto("/team");
  // Without it for themselves first, the owner is told to turn it on.
  await owner.getByTestId("team-two-factor").getByRole("button", { name: "Require two-factor sign-in" }).click();
  await expect(owner.getByTestId("team-two-factor").getByRole("alert")).toContainText("for yourself first");
  await owner.goto("/account");
  await owner.getByTestId("totp-start").click();
  const secret = (await owner.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await owner.getByTestId("totp-setup").getByRole("textbox").fill(totpCode(secret, Date.now()));
  await owner.getByTestId("totp-setup").getByRole("button").first().click();
  await expect(owner.getByTestId("recovery-codes")).toBeVisible();

  const colleague = uniqueEmail("member");
  await owner.goto("/team");
  await owner.getByLabel("Email address").fill(colleague);
  await owner.getByRole("button", { name: "Create invite link" }).click();
  const invite = await owner.getByTestId("invite-link").inputValue();
  await owner.getByTestId("team-two-factor").getByRole("button", { name: "Require two-factor sign-in" }).click();
  await expect(owner.getByTestId("team-two-factor-state")).toContainText("Required");

  const member = await newPage(browser, "en-GB");
  await member.goto(invite);
  await member.getByRole("link", { name: "Create an account" }).click();
  await fillSignup(member, { email: colleague, name: "Mo Member" });
  // Signing up from the invite joins the team, which sends the new member to set up two-factor sign-in first.
  await expect(member).toHaveURL(/\/account\?required=two-factor$/);
  await expect(member.getByTestId("two-factor-required")).toContainText("Strict BV");
  expect((await member.request.get("/api/v1/projects")).status()).toBe(403);
  await member.goto("/team");
  await expect(member).toHaveURL(/\/account\?required=two-factor$/);

  await member.getByTestId("totp-start").click();
  const memberSecret = (await member.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await member.getByTestId("totp-setup").getByRole("textbox").fill(totpCode(memberSecret, Date.now()));
  await member.getByTestId("totp-setup").getByRole("button").first().click();
  await expect(member.getByTestId("recovery-codes")).toBeVisible();
  await member.goto("/team");
  await expect(member).toHaveURL(/\/team$/);
  expect((await member.request.get("/api/v1/projects")).status()).toBe(200);
  await owner.context().close();
  await member.context().close();
});
