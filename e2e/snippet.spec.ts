import { test, expect } from "@playwright/test";
import { signUp } from "./helpers";

test("the snippet on a customer's site delivers page views, SPA navigation, track and identify", async ({ page, browser }) => {
  await signUp(page);
  await page.getByLabel("Project name").fill("Snippet shop");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("sector-ecommerce").click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("create-project").click();
  const snippet = await page.getByTestId("onboarding-snippet").innerText();
  await page.getByTestId("onboarding-skip").click();
  await expect(page.getByTestId("funnels-no-events")).toBeVisible();
  const projectUrl = page.url();

  // A customer's site on another origin (a loopback host, so Chromium's private-network rules allow the
  // request to the app), served by the test, carrying the tag as the settings show it.
  // Headless Chromium announces itself as HeadlessChrome, which ingestion drops as a bot; a visitor has a normal browser.
  const site = await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36" });
  const visitor = await site.newPage();
  await visitor.route("http://localhost:3999/**", (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><html><head><title>Shop</title>${snippet}</head><body><h1>Shop</h1></body></html>` }),
  );
  const projectId = projectUrl.split("/").pop();
  const lastEvent = async () => (await (await page.request.get(`/api/v1/projects/${projectId}/last-event`)).json()).lastEvent?.name ?? null;
  await visitor.goto("http://localhost:3999/product/fiets?utm_source=Newsletter&utm_medium=email");
  await expect.poll(lastEvent).toBe("pageview");
  await visitor.evaluate(() => {
    history.pushState({}, "", "/cart");
    const t = (window as unknown as { trechter: { track: (n: string, p?: object) => void; identify: (id: string, traits?: object) => void } }).trechter;
    t.track("add_to_cart", { sku: "F1" });
    t.identify("klant-1", { age: 33 });
  });
  await expect.poll(lastEvent).toBe("identify");
  await site.close();

  await page.goto(projectUrl + "/settings");
  await page.getByTestId("verify-install").click();
  await expect(page.getByTestId("verify-result")).toContainText("Last event: identify");
  await page.goto(projectUrl);
  await expect(page.getByTestId("stat-entered")).toHaveText("1");
  await expect(page.getByTestId("step-visitors-2")).toHaveText("1");
  await page.getByTestId("add-filter").selectOption("source");
  await expect(page.getByTestId("filter-value").locator("option", { hasText: "newsletter" })).toHaveCount(1);
});

test("a headless browser's page views are dropped as bot traffic", async ({ page, browser }) => {
  await signUp(page);
  await page.getByLabel("Project name").fill("Bot check");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("sector-saas").click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("create-project").click();
  const snippet = await page.getByTestId("onboarding-snippet").innerText();
  await page.getByTestId("onboarding-skip").click();
  const projectId = page.url().split("/").pop();
  const site = await browser.newContext();
  const bot = await site.newPage();
  await bot.route("http://localhost:3999/**", (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><html><head>${snippet}</head><body>hi</body></html>` }));
  const delivered = bot.waitForResponse((r) => r.url().endsWith("/v1/batch"));
  await bot.goto("http://localhost:3999/");
  expect((await (await delivered).json())).toMatchObject({ accepted: 0, bots: 1 });
  await site.close();
  expect((await (await page.request.get(`/api/v1/projects/${projectId}/last-event`)).json()).lastEvent).toBeNull();
});
