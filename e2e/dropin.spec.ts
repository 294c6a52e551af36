import { test, expect, type Page, type Browser } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { signUp } from "./helpers";

/*
 * A site that runs Plausible or Umami switches by changing its tag's src: the tags below are the
 * ones their install pages give, with only the host changed, on a real page of another origin.
 */

async function customerSite(head: string, body: string) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html><head><title>Bakkerij Jansen</title>${head}</head><body>${body}</body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function newProject(page: Page, name: string): Promise<string> {
  await signUp(page);
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("sector-hospitality").click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("create-project").click();
  await page.getByTestId("onboarding-skip").click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

/** A visitor with an ordinary browser (headless Chromium's agent is dropped as a bot). */
async function visitor(browser: Browser) {
  const context = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  });
  return context.newPage();
}

/** What the funnel query API counts for these steps in the last hour (events arrive in any order). */
function funnelOf(page: Page, projectId: string) {
  return async (steps: object[]) => {
    const res = await page.request.post("/api/v1/funnels/query", {
      data: { projectId, steps, from: new Date(Date.now() - 3600_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString() },
    });
    return ((await res.json()).steps as { visitors: number }[]).map((x) => x.visitors).join(",");
  };
}

test("a site with a Plausible tag sends its page views and custom events after changing only the src", async ({
  page,
  browser,
  baseURL,
}) => {
  const projectId = await newProject(page, "Plausible switch");
  await page.goto(`/projects/${projectId}/settings`);
  const card = page.getByTestId("dropin-card");
  await card.getByLabel(/Plausible site domain/).fill("www.bakkerij-jansen.nl");
  await card.getByTestId("dropin-save").click();
  await expect(card.getByRole("status")).toHaveText(/Saved/);
  const tag = await card.getByTestId("dropin-plausible-tag").innerText();
  expect(tag).toBe(`<script defer data-domain="bakkerij-jansen.nl" src="${baseURL}/js/script.js"></script>`);

  // Plausible's install snippet: the tag plus the queue stub for calls made before it loads.
  const site = await customerSite(
    `${tag}<script>window.plausible = window.plausible || function () { (window.plausible.q = window.plausible.q || []).push(arguments) }</script>`,
    `<h1>Taarten</h1><button onclick="plausible('Reservation', { props: { guests: 4 }, revenue: { amount: 42.5, currency: 'EUR' } })">Reserveer</button>`,
  );
  const v = await visitor(browser);
  // Plausible's script (and ours in its place) sends nothing from an automated browser unless the page opts in.
  await v.addInitScript(() => ((window as unknown as { __plausible: boolean }).__plausible = true));
  await v.goto(`${site.url}/taarten?utm_source=nieuwsbrief`);
  await v.getByRole("button", { name: "Reserveer" }).click();
  const funnel = funnelOf(page, projectId);
  await expect.poll(() => funnel([{ event: "pageview", path: "/taarten" }, { event: "Reservation" }]), { timeout: 20_000 }).toBe("1,1");
  // The UTM tag of the landing page is a segment like any other.
  const segments = await (await page.request.get(`/api/v1/projects/${projectId}/segments?field=source`)).json();
  expect(JSON.stringify(segments)).toContain("nieuwsbrief");
  site.close();
});

test("a site with an Umami tag sends page views, data-umami-event clicks and identify after changing only the src", async ({
  page,
  browser,
  baseURL,
}) => {
  const projectId = await newProject(page, "Umami switch");
  const websiteId = "94db1cb1-74f4-4a40-ad6c-962362670409";
  await page.goto(`/projects/${projectId}/settings`);
  const card = page.getByTestId("dropin-card");
  await card.getByLabel(/Umami website id/).fill(websiteId);
  await card.getByTestId("dropin-save").click();
  const tag = await card.getByTestId("dropin-umami-tag").innerText();
  expect(tag).toBe(`<script defer src="${baseURL}/script.js" data-website-id="${websiteId}"></script>`);

  const site = await customerSite(
    tag,
    `<h1>Reserveren</h1><button data-umami-event="reservation" data-umami-event-guests="4">Reserveer</button>`,
  );
  const v = await visitor(browser);
  await v.goto(`${site.url}/reserveren`);
  await v.getByRole("button", { name: "Reserveer" }).click();
  await v.evaluate(() =>
    (window as unknown as { umami: { identify: (id: string, d: object) => void } }).umami.identify("klant-42", { plan: "pro" }),
  );
  const funnel = funnelOf(page, projectId);
  await expect
    .poll(() => funnel([{ event: "pageview", path: "/reserveren" }, { event: "reservation" }, { event: "identify" }]), { timeout: 20_000 })
    .toBe("1,1,1");
  // Umami's own visitor id is kept in the site's storage, so visitors keep it across the switch.
  expect(await v.evaluate(() => localStorage.getItem("umami.visitor"))).toMatch(/^[0-9a-f-]{36}$/);
  site.close();
});

test("a claim that is not a domain, or that another project holds, is refused beside its field, in Dutch too", async ({
  page,
  context,
}) => {
  const first = await newProject(page, "Eerste");
  await page.goto(`/projects/${first}/settings`);
  await page
    .getByTestId("dropin-card")
    .getByLabel(/Plausible site domain/)
    .fill("gedeeld-domein.nl");
  await page.getByTestId("dropin-save").click();
  await expect(page.getByTestId("dropin-plausible-tag")).toBeVisible();

  await context.clearCookies();
  const second = await newProject(page, "Tweede");
  await context.addCookies([{ name: "trechter_locale", value: "nl", url: page.url() }]);
  await page.goto(`/projects/${second}/settings`);
  const card = page.getByTestId("dropin-card");
  await card.getByLabel(/Plausible-sitedomein/).fill("geen domein");
  await card.getByTestId("dropin-save").click();
  await expect(page.getByTestId("error-plausibleDomain")).toHaveText("Vul een domein in zoals voorbeeld.nl.");
  await card.getByLabel(/Plausible-sitedomein/).fill("gedeeld-domein.nl");
  await card.getByTestId("dropin-save").click();
  await expect(page.getByTestId("error-plausibleDomain")).toHaveText(/Een ander project ontvangt/);
});
