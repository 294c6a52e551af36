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
  const row = page.getByTestId("share-link").first();
  await expect(row.getByTestId("share-link-opened")).not.toHaveText("Never opened");
  // Revoking asks first, in a dialog the keyboard can use: Escape keeps the link.
  const dialog = page.getByRole("dialog", { name: "Revoke this link?" });
  // After the reload the button may not answer until the page has hydrated: press again until it does.
  await expect(async () => {
    await row.getByTestId("revoke-share").focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 20_000 });
  await expect(dialog.getByTestId("revoke-dialog-cancel")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Active");
  await view.reload();
  await expect(view.getByTestId("share-title")).toBeVisible();
  // Then Tab to "Revoke link" and Enter revokes it.
  await row.getByTestId("revoke-share").focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(dialog.getByTestId("revoke-dialog-confirm")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
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
  // The page requires the password: its field says "Password", not "(optional)".
  await expect(view.getByText("(optional)")).toHaveCount(0);
  await view.getByLabel("Password", { exact: true }).fill("wrong one");
  await view.getByRole("button", { name: "Open report" }).click();
  await expect(view.getByTestId("error-password")).toHaveText("That password is not right.");
  expect((await view.request.get(`/api/share/${url.split("/").pop()}/results`)).status()).toBe(401);
  await view.getByLabel("Password", { exact: true }).fill("klant-2026");
  await view.getByRole("button", { name: "Open report" }).click();
  await expect(view.getByTestId("share-title")).toBeVisible();
  await client.close();

  // In Dutch: "Wachtwoord", without "(optioneel)".
  const dutch = await browser.newContext({ locale: "nl-NL" });
  const nl = await dutch.newPage();
  await nl.goto(url);
  await expect(nl.getByRole("heading", { name: "Dit rapport is beveiligd" })).toBeVisible();
  await expect(nl.getByLabel("Wachtwoord", { exact: true })).toBeVisible();
  await expect(nl.getByText("optioneel")).toHaveCount(0);
  await dutch.close();
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

test("a 14-day link made on a mobile breakdown shows its real period, locks it, and says what it shows, in English and Dutch", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const projectId = await signUpWithDemoProject(page, { project: "Klant Periode" });
  await page.goto(`/projects/${projectId}?device=mobile&breakdown=source&compare=1`);
  await expect(page.getByTestId("chip-device-mobile")).toBeVisible();
  // The form takes what is on screen and says what the link will show before it is made.
  await page.getByTestId("share-days").fill("14");
  await expect(page.getByTestId("share-summary")).toContainText(
    "Last 14 days · Device: mobile · Broken down by source · Compared with the period before",
  );
  await page.getByTestId("share-label").fill("Klant Periode, mobiel");
  await page.getByTestId("create-share").click();
  const url = await page.getByTestId("share-url").inputValue();

  // The list tells links apart: label, what it shows, expiry, created, last opened.
  await page.reload();
  const row = page.getByTestId("share-link").filter({ hasText: "Klant Periode, mobiel" });
  await expect(row.getByTestId("share-link-label")).toHaveText("Klant Periode, mobiel");
  await expect(row.getByTestId("share-link-shows")).toHaveText(
    "Last 14 days · Device: mobile · Broken down by source · Compared with the period before",
  );
  await expect(row).toContainText("Expires");
  await expect(row).toContainText("Never");
  await expect(row).toContainText("Created");
  await expect(row.getByTestId("share-link-opened")).toHaveText("Never opened");

  for (const [locale, texts] of [
    [
      "en-GB",
      {
        period: /^Last 14 days: \d{1,2} \S+ \d{4} – \d{1,2} \S+ \d{4}$/,
        picker: "The link's period: Last 14 days",
        filter: "Device: mobile",
        breakdown: "Broken down by source",
        compare: "Compared with the period before",
        banned: ["Last 30 days", "Last 90 days"],
      },
    ],
    [
      "nl-NL",
      {
        period: /^Afgelopen 14 dagen: \d{1,2} \S+ \d{4} – \d{1,2} \S+ \d{4}$/,
        picker: "Periode van de link: Afgelopen 14 dagen",
        filter: "Apparaat: mobile",
        breakdown: "Uitgesplitst naar bron",
        compare: "Vergeleken met de periode ervoor",
        banned: ["Afgelopen 30 dagen", "Afgelopen 90 dagen"],
      },
    ],
  ] as const) {
    const client = await browser.newContext({ locale });
    const view = await client.newPage();
    await view.goto(url);
    await expect(view.getByTestId("share-lock-period")).toHaveText(texts.period);
    await expect(view.getByTestId("share-lock-filter")).toHaveText(texts.filter);
    await expect(view.getByTestId("share-lock-breakdown")).toHaveText(texts.breakdown);
    await expect(view.getByTestId("share-lock-compare")).toHaveText(texts.compare);
    // The picker shows the link's own period, and offers nothing longer.
    const picker = view.getByTestId("range");
    await expect(picker.locator("option:checked")).toHaveText(texts.picker);
    const options = await picker.locator("option").allInnerTexts();
    for (const banned of texts.banned) expect(options).not.toContain(banned);
    // The breakdown and the comparison are the link's: no control to change them, and no error.
    await expect(view.getByTestId("breakdown")).toHaveCount(0);
    await expect(view.getByTestId("compare")).toHaveCount(0);
    await expect(view.getByTestId("results-error")).toHaveCount(0);
    await expect(view.getByTestId("stat-overall")).toBeVisible();
    await client.close();
  }

  // Narrowing to the last 7 days changes the numbers, not just the picker; custom days stay inside the link.
  const client = await browser.newContext();
  const view = await client.newPage();
  await view.goto(url);
  const whole = await view.getByTestId("stat-entered").innerText();
  await view.getByTestId("range").selectOption("7d");
  await expect(view.getByTestId("results-error")).toHaveCount(0);
  await expect(view.getByTestId("stat-entered")).not.toHaveText(whole);
  await view.getByTestId("range").selectOption("custom");
  const from = view.getByLabel("From");
  await expect(from).toHaveAttribute("min", /\d{4}-\d{2}-\d{2}/);
  expect(await from.getAttribute("min")).toBe(await from.inputValue());
  await expect(view.getByTestId("results-error")).toHaveCount(0);
  await client.close();
});

test("the benchmark names its publisher and date, legibly, and the rates say what they count", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signUpWithDemoProject(page, { project: "Klant Bron" });
  await expect(page.getByTestId("stat-overall-counts")).toHaveText(
    "Counts visitors who did all 5 steps in this order within 7 days; the conversions overview counts anyone who reached the goal.",
  );
  await page.getByRole("link", { name: "Conversions" }).click();
  await expect(page.getByTestId("stat-visitors")).not.toHaveText("0", { timeout: 30_000 });
  await expect(page.getByTestId("stat-macro-counts")).toContainText("Counts unique visitors who reached");
  const source = page.getByTestId("benchmark-source");
  await expect(source).toHaveText("Source: AWESUM (awesum.nl), “Wat betekent conversie voor jouw bedrijfsgroei”, published 23 Nov 2025");
  // WCAG AA: at least 4.5:1 against its background.
  const ratio = await source.evaluate((el) => {
    // Any CSS colour (Tailwind 4 gives oklch) to sRGB through a canvas pixel.
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const rgba = (color: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let node: Element | null = el;
    let background = [255, 255, 255, 255];
    while (node) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] === 255) {
        background = c;
        break;
      }
      node = node.parentElement;
    }
    const [a, b] = [lum(rgba(getComputedStyle(el).color)), lum(background)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
  expect(ratio).toBeGreaterThanOrEqual(4.5);
  // The Retention stage counts customers kept, so it is never below the repeat purchases beside it.
  const retention = page.getByTestId("stage-retention");
  await expect(retention.getByTestId("retention-counts")).toBeVisible();
  const reached = Number((await retention.locator("p").nth(1).innerText()).match(/^[\d,]+/)![0].replace(/,/g, ""));
  const repeat = Number((await retention.getByTestId("kpi-repeat_purchases").locator("dd").innerText()).replace(/,/g, ""));
  expect(repeat).toBeGreaterThan(0);
  expect(reached).toBeGreaterThanOrEqual(repeat);

  const dutch = await browser.newContext({ locale: "nl-NL" });
  const nl = await dutch.newPage();
  await page.getByTestId("create-share").click();
  await nl.goto(await page.getByTestId("share-url").inputValue());
  await expect(nl.getByTestId("benchmark-source")).toHaveText(
    "Bron: AWESUM (awesum.nl), “Wat betekent conversie voor jouw bedrijfsgroei”, gepubliceerd op 23 nov 2025",
  );
  await expect(nl.getByTestId("stat-macro-counts")).toContainText("Telt unieke bezoekers die");
  await dutch.close();
});
