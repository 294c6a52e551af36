import { test, expect } from "@playwright/test";
import { signUp } from "./helpers";

test("the snippet on a customer's site delivers page views, SPA navigation, track and identify", async ({ page, browser, baseURL }) => {
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
  const site = await browser.newContext();
  const visitor = await site.newPage();
  await visitor.route("http://localhost:3999/**", (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><html><head><title>Shop</title>${snippet}</head><body><h1>Shop</h1></body></html>` }),
  );
  const sent: string[] = [];
  visitor.on("request", (r) => r.url().includes("/v1/") && sent.push(r.url()));
  await visitor.goto("http://localhost:3999/product/fiets?utm_source=Newsletter&utm_medium=email");
  await expect.poll(() => sent.length).toBeGreaterThan(0);
  await visitor.evaluate(() => {
    history.pushState({}, "", "/cart");
    const t = (window as unknown as { trechter: { track: (n: string, p?: object) => void; identify: (id: string, traits?: object) => void } }).trechter;
    t.track("add_to_cart", { sku: "F1" });
    t.identify("klant-1", { age: 33 });
  });
  await expect.poll(() => sent.length).toBeGreaterThanOrEqual(4);
  expect(sent[0]).toBe(`${baseURL}/v1/batch`);
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
