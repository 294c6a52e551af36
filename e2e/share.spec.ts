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
    const r = path.endsWith("query")
      ? await view.request.post(path, { headers: { authorization: `Bearer ${token}` }, data: {} })
      : await view.request.get(path, { headers: { authorization: `Bearer ${token}` } });
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

test("a share link locked to mobile serves only its report: the page's own API URLs refuse every widening", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const projectId = await signUpWithDemoProject(page, { project: "Klant Mobiel" });
  // The link carries the filters on screen: mobile visitors only.
  await page.goto(`/projects/${projectId}?device=mobile`);
  await expect(page.getByTestId("chip-device-mobile")).toBeVisible();
  const mobileEntered = await page.getByTestId("stat-entered").innerText();
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByTestId("stat-entered")).not.toHaveText(mobileEntered);
  await page.goto(`/projects/${projectId}?device=mobile`);
  await page.getByTestId("create-share").click();
  const url = await page.getByTestId("share-url").inputValue();
  const token = url.split("/").pop()!;

  const client = await browser.newContext();
  const view = await client.newPage();
  const fetched: string[] = [];
  view.on("request", (r) => {
    if (r.url().includes(`/api/share/${token}/`)) fetched.push(r.url());
  });
  await view.goto(url);
  await expect(view.getByTestId("stat-entered")).toHaveText(mobileEntered);
  // The filter options list only what the lock allows.
  await view.getByTestId("add-filter").selectOption("device");
  await expect(view.getByTestId("filter-value")).toBeEnabled();
  const options = await view.getByTestId("filter-value").locator("option").allInnerTexts();
  expect(options.slice(1).map((o) => o.replace(/ \(\d+\)$/, ""))).toEqual(["mobile"]);

  const results = new URL(fetched.find((u) => u.includes("/results"))!);
  const segments = new URL(fetched.find((u) => u.includes("/segments"))!);
  const withParams = (base: URL, extra: string) => `${base.pathname}?${[base.searchParams.toString(), extra].filter(Boolean).join("&")}`;
  const body = await (await view.request.get(withParams(results, ""))).text();
  expect(body).not.toMatch(/projectId|teamId|"where"|costs/);

  for (const [base, attack, says] of [
    [results, "breakdown=prop:email", "breakdown"],
    [results, "prop:email=jan%40example.nl", "prop:email"],
    [results, "device=desktop", "locked to device = mobile"],
    [results, "compare=1", "compare"],
    [results, "range=90d", "outside this link's period"],
    [results, "from=275760-01-01&to=275760-01-02", "from"],
    [results, "lead=purchase", "Unknown parameter"],
    [segments, "prop:plan=pro", "prop:plan"],
    [new URL(`/api/share/${token}/segments?field=prop:email`, results), "", "field"],
  ] as const) {
    const res = await view.request.get(withParams(base, attack));
    const text = await res.text();
    expect(res.status(), `${attack}: ${text.slice(0, 200)}`).toBe(400);
    expect(JSON.parse(text).error.message).toContain(says);
  }
  // Narrowing inside the link still works, also from the page's controls.
  await view.getByTestId("breakdown").selectOption("device");
  await expect(view.getByTestId("results-error")).toHaveCount(0);
  await client.close();
});

test("a share link whose funnel was deleted says the report no longer exists, in English and Dutch", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signUpWithDemoProject(page, { project: "Klant Weg" });
  await page.getByTestId("create-share").click();
  const url = await page.getByTestId("share-url").inputValue();
  await page.getByTestId("edit-funnel").click();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Delete funnel" }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);

  for (const [locale, text] of [
    ["en-GB", "This report no longer exists"],
    ["nl-NL", "Dit rapport bestaat niet meer"],
  ] as const) {
    const client = await browser.newContext({ locale });
    const view = await client.newPage();
    const response = await view.goto(url);
    expect(response?.status()).toBe(404);
    await expect(view.getByTestId("share-gone")).toContainText(text);
    const api = await view.request.get(`/api/share/${url.split("/").pop()}/results`);
    expect(api.status()).toBe(410);
    expect((await api.json()).error.code).toBe("report_gone");
    await client.close();
  }
});
