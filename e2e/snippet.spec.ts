import { test, expect } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { signUp } from "./helpers";

/** A customer's site: a real local HTTP server on another origin, serving a page with the tag. */
async function customerSite(snippet: string) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html><head><title>Shop</title>${snippet}</head><body><h1>Shop</h1></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

test("the snippet on a customer's site delivers page views, SPA navigation, track and identify", async ({ page, browser }) => {
  await signUp(page);
  await page.getByLabel("Project name").fill("Snippet shop");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("sector-ecommerce").click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("create-project").click();
  const snippet = await page.getByTestId("onboarding-snippet").innerText();
  await page.getByTestId("onboarding-skip").click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("funnels-no-events")).toBeVisible();
  const projectUrl = page.url();

  // A customer's site on another origin, carrying the tag as the settings show it.
  const shop = await customerSite(snippet);
  // Headless Chromium announces itself as HeadlessChrome, which ingestion drops as a bot; a visitor has a normal browser.
  const site = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  });
  const visitor = await site.newPage();
  // Automation sets navigator.webdriver, which the snippet reports as a bot; this visitor is a person.
  await visitor.addInitScript(() => Object.defineProperty(navigator, "webdriver", { get: () => false }));
  const projectId = projectUrl.split("/").pop();
  const lastEvent = async () => (await (await page.request.get(`/api/v1/projects/${projectId}/last-event`)).json()).lastEvent?.name ?? null;
  await visitor.goto(`${shop.url}/product/fiets?utm_source=Newsletter&utm_medium=email`);
  await expect.poll(lastEvent).toBe("pageview");
  await visitor.evaluate(() => {
    history.pushState({}, "", "/cart");
    const t = (
      window as unknown as { trechter: { track: (n: string, p?: object) => void; identify: (id: string, traits?: object) => void } }
    ).trechter;
    t.track("add_to_cart", { sku: "F1" });
    t.identify("klant-1", { age: 33 });
  });
  // Beacons may arrive in any order; ask the funnel API for what the site's visit did.
  const funnel = async (steps: object[]) => {
    const to = new Date(Date.now() + 3600_000).toISOString();
    const res = await page.request.post("/api/v1/funnels/query", {
      data: { projectId, steps, from: new Date(Date.now() - 3600_000).toISOString(), to },
    });
    return ((await res.json()).steps as { visitors: number }[]).map((x) => x.visitors).join(",");
  };
  await expect
    .poll(() => funnel([{ event: "pageview", path: "/product/*" }, { event: "add_to_cart" }, { event: "identify" }]))
    .toBe("1,1,1");
  await expect
    .poll(() =>
      funnel([
        { event: "pageview", path: "/product/*" },
        { event: "pageview", path: "/cart" },
      ]),
    )
    .toBe("1,1");
  await site.close();
  shop.close();

  await page.goto(projectUrl + "/settings");
  await page.getByTestId("verify-install").click();
  // The three beacons sent on /cart arrive in any order; the check names whichever came in last.
  await expect(page.getByTestId("verify-result")).toContainText(/Last event: (pageview|add_to_cart|identify) on \/cart, received/);
  await page.goto(projectUrl);
  await expect(page.getByTestId("stat-entered")).toHaveText("1");
  await page.getByTestId("add-filter").selectOption("source");
  await expect(page.getByTestId("filter-value").locator("option", { hasText: "newsletter" })).toHaveCount(1);
});

test("an automated browser's page views are dropped as bot traffic", async ({ page, browser }) => {
  await signUp(page);
  await page.getByLabel("Project name").fill("Bot check");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("sector-saas").click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("create-project").click();
  const snippet = await page.getByTestId("onboarding-snippet").innerText();
  await page.getByTestId("onboarding-skip").click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  const projectId = page.url().split("/").pop();
  const site = await browser.newContext();
  const bot = await site.newPage();
  const shop = await customerSite(snippet);
  const delivered = bot.waitForResponse((r) => r.url().endsWith("/v1/batch"));
  await bot.goto(shop.url);
  expect((await delivered).status()).toBe(200);
  await site.close();
  shop.close();
  expect((await (await page.request.get(`/api/v1/projects/${projectId}/last-event`)).json()).lastEvent).toBeNull();
});
