import { test, expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { signUp, logIn, uniqueEmail, PASSWORD, signUpWithDemoProject } from "./helpers";
import { actionIds, callAction, refused } from "./actions";

// The app under test trusts this machine as its proxy (TRUST_PROXY=loopback in playwright.config),
// so each attacker here gets its own client address the way a real proxy reports it: appended as
// the LAST entry of X-Forwarded-For. Whatever the attacker writes before it must not count.
const from = (address: string) => ({ "x-forwarded-for": address });

type Outcome = "ok" | "wrong" | "limited";

/** next-auth's CSRF token for this client (one per cookie jar: fetch it once before parallel tries). */
async function csrf(api: APIRequestContext): Promise<string> {
  return ((await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

/** One login through next-auth's credentials endpoint, as a script would send it. */
async function tryLogin(
  api: APIRequestContext,
  email: string,
  password: string,
  headers: Record<string, string>,
  token?: string,
): Promise<Outcome> {
  const csrfToken = token ?? (await csrf(api));
  const res = await api.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/projects" },
    headers,
    maxRedirects: 0,
  });
  const location = res.headers()["location"] ?? "";
  if (location.includes("code=rate_limited")) return "limited";
  if (location.includes("error=CredentialsSignin")) return "wrong";
  expect(location, "a refused login names its reason").not.toContain("error=");
  expect(res.headers()["set-cookie"] ?? "").toMatch(/session-token=/);
  return "ok";
}

async function attacker(baseURL: string) {
  return playwrightRequest.newContext({ baseURL });
}

test("wrong passwords sent at once are counted before they are checked: the right one is refused while limited", async ({
  page,
  baseURL,
}) => {
  const { email } = await signUp(page);
  const api = await attacker(baseURL!);
  const token = await csrf(api);
  const outcomes = await Promise.all(
    Array.from({ length: 29 }, (_, i) => tryLogin(api, email, `wrong password ${i}`, from("198.51.100.11"), token)),
  );
  expect(outcomes.filter((o) => o === "wrong").length).toBeLessThanOrEqual(5);
  expect(outcomes.filter((o) => o === "limited").length).toBeGreaterThanOrEqual(24);
  expect(await tryLogin(api, email, PASSWORD, from("198.51.100.11"))).toBe("limited");
  // The attacker did not lock the owner out: from their own address the password works.
  expect(await tryLogin(api, email, PASSWORD, from("198.51.100.12"))).toBe("ok");
  await api.dispose();
});

test("one address hammering an account cannot lock its owner out of a new browser elsewhere", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const { email } = await signUp(page);
  const api = await attacker(baseURL!);
  const token = await csrf(api);
  for (let round = 0; round < 11; round++) {
    await Promise.all(Array.from({ length: 5 }, (_, i) => tryLogin(api, email, `guess ${round}-${i}`, from("198.51.100.31"), token)));
  }
  await api.dispose();
  // A browser that never signed in to this account, at another address: the address over its own
  // limit added only its first tries to the account's counter.
  const fresh = await attacker(baseURL!);
  expect(await tryLogin(fresh, email, PASSWORD, from("198.51.100.32"))).toBe("ok");
  await fresh.dispose();
});

test("a new X-Forwarded-For value (or a forged client-address header) per try does not escape the limit", async ({ page, baseURL }) => {
  const { email } = await signUp(page);
  const api = await attacker(baseURL!);
  const outcomes: Outcome[] = [];
  for (let i = 0; i < 8; i++) {
    const headers = {
      "x-forwarded-for": `203.0.113.${i}, 198.51.100.21`,
      "x-real-ip": `203.0.113.${i}`,
      "x-trechter-client-address": `192.0.2.${i}`,
    };
    outcomes.push(await tryLogin(api, email, `wrong password ${i}`, headers));
  }
  expect(outcomes.slice(0, 5)).toEqual(["wrong", "wrong", "wrong", "wrong", "wrong"]);
  expect(outcomes.slice(5)).toEqual(["limited", "limited", "limited"]);
  expect(await tryLogin(api, email, PASSWORD, { "x-forwarded-for": "203.0.113.99, 198.51.100.21" })).toBe("limited");
  await api.dispose();
});

test("guessing from many addresses stops strangers but not the owner's own browser", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const { email } = await signUp(page); // this browser now holds the account's device cookie
  const api = await attacker(baseURL!);
  const token = await csrf(api);
  for (let a = 0; a < 11; a++) {
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => tryLogin(api, email, `botnet guess ${a}-${i}`, from(`198.51.100.${100 + a}`), token)),
    );
  }
  // A client the account has never seen is refused even with the right password…
  expect(await tryLogin(api, email, PASSWORD, from("198.51.100.200"))).toBe("limited");
  await api.dispose();
  // …while the owner's browser logs in.
  await page.getByTestId("user-menu").click();
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login/);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/projects/);
});

async function sessionCookies(page: Page) {
  return (await page.context().cookies()).filter((c) => c.name.includes("session-token"));
}

test("a session cookie copied before logout no longer works after it", async ({ page, browser }) => {
  await signUp(page);
  await page.goto("/projects");
  const stolen = await sessionCookies(page);
  expect(stolen.length).toBeGreaterThan(0);
  await page.getByTestId("user-menu").click();
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext();
  await thief.addCookies(stolen);
  expect((await thief.request.get("/api/v1/projects")).status()).toBe(401);
  const other = await thief.newPage();
  await other.goto("/projects");
  await expect(other).toHaveURL(/\/login/);
  await thief.close();
});

test("log out everywhere signs out every browser of the user", async ({ page, browser }) => {
  const { email } = await signUp(page);
  const laptop = await browser.newContext();
  const second = await laptop.newPage();
  await logIn(second, email);
  await expect(second).toHaveURL(/\/projects/);
  expect((await second.request.get("/api/v1/projects")).status()).toBe(200);

  await page.goto("/projects");
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Log out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await second.request.get("/api/v1/projects")).status()).toBe(401);
  await second.goto("/projects");
  await expect(second).toHaveURL(/\/login/);
  await laptop.close();
});

const OPEN_REDIRECTS = [
  "/\\evil.example",
  "/%09/evil.example",
  "//evil.example",
  "https://evil.example",
  "/\t/evil.example",
  "/%5C%5Cevil.example",
  "/%2F%2Fevil.example",
  "javascript:alert(document.domain)",
];

test("after login and sign-up the browser stays on the app's origin, whatever next= says", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const { email } = await signUp(page);
  await ctx.clearCookies();
  for (const next of OPEN_REDIRECTS) {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel(/email/i).fill(email);
    await page.getByLabel(/^password$/i).fill(PASSWORD);
    await page.getByRole("button", { name: /^log in$/i }).click();
    await expect(page, next).toHaveURL(/\/projects/);
    expect(new URL(page.url()).origin, next).toBe(origin);
    await ctx.clearCookies();
  }
  await page.goto(`/signup?next=${encodeURIComponent("/\\evil.example")}`);
  await page.getByLabel("Your name").fill("Redirect Test");
  await page.getByLabel("Email address").fill(uniqueEmail("redirect"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/projects/);
  expect(new URL(page.url()).origin).toBe(origin);
  await ctx.close();
});

test("an invite cannot be accepted by an account with another e-mail address", async ({ page, browser, baseURL }) => {
  await signUp(page, { teamName: "Bureau Eigen Adres" });
  await page.goto("/team");
  await page.getByLabel("Email address").fill(uniqueEmail("invited"));
  await page.getByLabel("Role").selectOption("admin");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  const token = link.split("/").pop()!;

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await signUp(other, { teamName: "Eigen team" });
  await other.goto(link);
  await expect(other.getByTestId("invite-wrong-account")).toContainText("another e-mail address");
  await expect(other.getByTestId("accept-invite")).toHaveCount(0);
  // Calling the action directly is refused too, and the link stays valid for the invited address.
  const id = actionIds().get("app/invite/[token]/actions.ts#acceptInviteAction")!;
  const answer = await callAction(other.request, baseURL!, id, [token]);
  expect(refused(answer), JSON.stringify(answer).slice(0, 600)).toBe(true);
  await other.goto("/projects");
  await expect(other.locator("[data-testid=team-switcher] option", { hasText: "Bureau Eigen Adres" })).toHaveCount(0);
  const stranger = await browser.newContext();
  const fresh = await stranger.newPage();
  await fresh.goto(link);
  await expect(fresh.getByRole("heading", { name: "Join Bureau Eigen Adres" })).toBeVisible();
  await stranger.close();
  await ctx.close();
});

test("pages carry the security headers, and the app and a share page run without CSP violations", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const violations: string[] = [];
  const watch = (p: Page) => {
    p.on("console", (m) => {
      if (/content security policy|refused to (load|execute|apply|connect|frame)/i.test(m.text()))
        violations.push(`${p.url()}: ${m.text()}`);
    });
    p.on("pageerror", (e) => violations.push(`${p.url()}: ${e.message}`));
  };
  watch(page);
  const login = await page.goto("/login");
  const headers = login!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  // Over plain HTTP there is no HSTS (it is sent when APP_URL or the trusted proxy says https).
  expect(headers["strict-transport-security"]).toBeUndefined();
  await page.goto("/signup");

  const projectId = await signUpWithDemoProject(page, { teamName: "Bureau Koppen", project: "Koppen Shop" });
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByTestId("stat-entered")).not.toHaveText("0");
  await page.getByTestId("create-share").click();
  const shareUrl = await page.getByTestId("share-url").inputValue();
  for (const path of ["/projects", "/team", `/projects/${projectId}/goals`, `/projects/${projectId}/settings`]) {
    const res = await page.goto(path);
    expect(res!.headers()["x-frame-options"], path).toBe("DENY");
    await page.waitForLoadState("networkidle");
  }

  const client = await browser.newContext();
  const view = await client.newPage();
  watch(view);
  const shared = await view.goto(shareUrl);
  expect(shared!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(shared!.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(view.getByTestId("stat-entered")).not.toHaveText("0");
  await view.waitForLoadState("networkidle");
  await client.close();
  expect(violations).toEqual([]);

  // The snippet and the ingestion API stay usable from a customer's site.
  const api = await playwrightRequest.newContext({ baseURL });
  const snippet = await api.get("/t.js", { headers: { Origin: "https://shop.example" } });
  expect(snippet.status()).toBe(200);
  const preflight = await api.fetch("/v1/batch", {
    method: "OPTIONS",
    headers: { Origin: "https://shop.example", "Access-Control-Request-Method": "POST" },
  });
  expect(preflight.headers()["access-control-allow-origin"]).toBe("*");
  await api.dispose();
});
