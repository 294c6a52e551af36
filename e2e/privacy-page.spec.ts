import { test, expect, type Browser } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { signUp } from "./helpers";

test("the privacy page is public, linked from the footer, in English and Dutch, with the template sentences to copy", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/login");
  await page.getByRole("link", { name: "Privacy" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What Trechter stores per event" })).toBeVisible();
  await expect(page.getByText(/^No IP address\./)).toBeVisible();
  await expect(page.getByText(/trechter_aid in localStorage/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Do Not Track and Global Privacy Control" })).toBeVisible();
  await expect(page.getByText(/kept for 25 months by default/)).toBeVisible();
  const english = page.getByTestId("template-en");
  await expect(english).toContainText("We use Trechter, a funnel-analytics service");
  await expect(page.getByTestId("template-nl")).toContainText("Wij gebruiken Trechter");
  await english.locator("..").getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^We use Trechter, .* \[your contact address\]\.$/);

  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("heading", { name: "Wat Trechter per event bewaart" })).toBeVisible();
  await expect(page.getByText(/^Geen IP-adres\./)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Een tekst voor je eigen privacyverklaring" })).toBeVisible();
  await page.getByTestId("template-nl").locator("..").getByRole("button", { name: "Kopiëren" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Wij gebruiken Trechter, .* \[je contactadres\]\.$/);
  await page.locator("[data-testid=locale-en]:visible").click();

  // Signed in, the app's footer and the project settings link to it too.
  await signUp(page);
  await page.goto("/projects");
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Privacy" })).toHaveAttribute("href", "/privacy");
});

/** A customer's site on another origin with the tag. */
async function customerSite(tag: string) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html><head><title>Shop</title>${tag}</head><body><h1>Shop</h1></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** A visitor with an ordinary browser (not flagged as a bot), optionally sending DNT or GPC; counts the beacons it sends. */
async function visitor(browser: Browser, signal: "dnt" | "gpc" | null) {
  const ctx = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  });
  const page = await ctx.newPage();
  await page.addInitScript(() => Object.defineProperty(navigator, "webdriver", { get: () => false }));
  if (signal === "dnt") await page.addInitScript(() => Object.defineProperty(navigator, "doNotTrack", { get: () => "1" }));
  if (signal === "gpc") await page.addInitScript(() => Object.defineProperty(navigator, "globalPrivacyControl", { get: () => true }));
  const beacons: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/v1/batch")) beacons.push(r.url());
  });
  return { ctx, page, beacons };
}

test("the snippet sends and stores nothing under Do Not Track or Global Privacy Control, in Chromium", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signUp(page);
  await page.getByLabel("Project name").fill("Privacy shop");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("sector-ecommerce").click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("create-project").click();
  const tag = await page.getByTestId("onboarding-snippet").innerText();
  await page.getByTestId("onboarding-skip").click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  const projectId = page.url().split("/").pop();
  const shop = await customerSite(tag);
  const visit = async (v: Awaited<ReturnType<typeof visitor>>) => {
    await v.page.goto(`${shop.url}/product/1?utm_source=news`);
    await v.page.waitForFunction(
      () => "trechter" in window && typeof (window as { trechter?: { track?: unknown } }).trechter?.track === "function",
    );
    await v.page.evaluate(() => {
      const t = (window as unknown as { trechter: { track: (n: string) => void; identify: (id: string) => void } }).trechter;
      t.track("add_to_cart");
      t.identify("klant-7");
    });
    return v.page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
  };

  const dnt = await visitor(browser, "dnt");
  const gpc = await visitor(browser, "gpc");
  expect(await visit(dnt)).toEqual({ local: {}, session: {} });
  expect(await visit(gpc)).toEqual({ local: {}, session: {} });

  // A visitor without either signal is counted, so the page and the snippet do work.
  const plain = await visitor(browser, null);
  const sent = plain.page.waitForResponse((r) => r.url().endsWith("/v1/batch"));
  const stored = await visit(plain);
  expect((await sent).status()).toBe(200);
  expect(Object.keys(stored.local)).toContain("trechter_aid");
  const lastEvent = async () => (await (await page.request.get(`/api/v1/projects/${projectId}/last-event`)).json()).lastEvent?.name ?? null;
  await expect.poll(lastEvent).not.toBeNull();
  // The visitors' pages stayed open through the plain visit: had they sent anything, it would have been seen by now.
  expect(dnt.beacons).toEqual([]);
  expect(gpc.beacons).toEqual([]);
  const res = await page.request.post("/api/v1/funnels/query", {
    data: {
      projectId,
      steps: [{ event: "pageview" }, { event: "add_to_cart" }],
      from: new Date(Date.now() - 3600_000).toISOString(),
      to: new Date(Date.now() + 3600_000).toISOString(),
    },
  });
  expect(((await res.json()).steps as { visitors: number }[])[0].visitors).toBe(1);
  for (const v of [dnt, gpc, plain]) await v.ctx.close();
  shop.close();
});
