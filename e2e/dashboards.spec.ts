import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { signUpWithDemoProject, signUpFromInvite, uniqueEmail } from "./helpers";

// A 1×1 PNG (red), and an SVG with a script that must never be accepted as a logo.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const dayAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);
const SHOTS = "test-results/dashboards";

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, "the page scrolls sideways").toBeLessThanOrEqual(client);
}

async function addTile(page: Page, kind: string, fill?: () => Promise<unknown>) {
  const before = await page.getByTestId("tile").count();
  await page.getByTestId("tile-kind").selectOption(kind);
  await fill?.();
  await page.getByTestId("add-tile-submit").click();
  await expect(page.getByTestId("tile")).toHaveCount(before + 1);
}

const kinds = (page: Page) => page.getByTestId("tile").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));

test("an admin composes, arranges and annotates a dashboard; a viewer reads it; a client opens its password link until it is revoked", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const projectId = await signUpWithDemoProject(page, { teamName: "Bureau Dash", project: "Klant Fiets" });
  await page.getByRole("link", { name: "Dashboards" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/dashboards$`));
  await expect(page.getByTestId("dashboards-empty")).toBeVisible();

  // A name is required, and the error is beside the field.
  await page.getByTestId("dashboard-create").click();
  await expect(page.getByTestId("error-name")).toContainText("name");
  await page.getByTestId("dashboard-new-name").fill("Client weekly");
  await page.getByTestId("dashboard-create").click();
  await expect(page).toHaveURL(/\?d=[0-9a-f-]{36}$/);
  await expect(page.getByTestId("dashboard-name")).toHaveText("Client weekly");
  await expect(page.getByTestId("dashboard-no-tiles")).toBeVisible();

  // Every kind of tile; the funnel with its own breakdown.
  await addTile(page, "funnel", () => page.getByTestId("tile-breakdown").selectOption("device"));
  await addTile(page, "goal");
  await addTile(page, "segments", () => page.getByTestId("tile-field").selectOption("device"));
  await addTile(page, "stages");
  // A note without text is refused beside its field.
  await page.getByTestId("tile-kind").selectOption("note");
  await page.getByTestId("add-tile-submit").click();
  await expect(page.getByTestId("error-text")).toBeVisible();
  await addTile(page, "note", () => page.getByTestId("tile-text").fill("Campaign live since Monday"));
  expect(await kinds(page)).toEqual(["funnel", "goal", "segments", "stages", "note"]);
  const funnelTile = page.locator("[data-testid=tile][data-kind=funnel]");
  await expect(funnelTile.getByTestId("tile-funnel")).toBeVisible();
  await expect(funnelTile.getByTestId("tile-funnel")).toContainText("by Device");
  await expect(page.locator("[data-testid=tile][data-kind=goal]").getByTestId("tile-goal")).toBeVisible();
  await expect(page.locator("[data-testid=tile][data-kind=segments]").getByRole("table")).toBeVisible();
  await expect(page.locator("[data-testid=tile][data-kind=stages]").getByTestId("tile-stages")).toBeVisible();
  await expect(page.locator("[data-testid=tile][data-kind=note]").getByTestId("tile-note")).toHaveText("Campaign live since Monday");

  // Reorder with the keyboard: Home takes the note to the front, ArrowDown one place back; announced, and saved.
  await page.locator("[data-testid=tile][data-kind=note]").getByTestId("tile-move").focus();
  await page.keyboard.press("Home");
  await expect(page.getByTestId("grid-announce")).toHaveText("Note moved to place 1 of 5.");
  expect(await kinds(page)).toEqual(["note", "funnel", "goal", "segments", "stages"]);
  await expect(page.locator("[data-testid=tile][data-kind=note]").getByTestId("tile-move")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  expect(await kinds(page)).toEqual(["funnel", "note", "goal", "segments", "stages"]);
  // Drag the goal's handle onto the first tile (HTML5 drag and drop, its events as the browser sends them).
  const dt = await page.evaluateHandle(() => new DataTransfer());
  const handle = page.locator("[data-testid=tile][data-kind=goal]").getByTestId("tile-move");
  const target = page.getByTestId("tile").first();
  await handle.dispatchEvent("dragstart", { dataTransfer: dt });
  await target.dispatchEvent("dragover", { dataTransfer: dt });
  await target.dispatchEvent("drop", { dataTransfer: dt });
  await handle.dispatchEvent("dragend", { dataTransfer: dt });
  await expect.poll(() => kinds(page)).toEqual(["goal", "funnel", "note", "segments", "stages"]);
  await expect(page.getByTestId("dashboard-grid")).toHaveAttribute("aria-busy", "false");
  await page.reload();
  expect(await kinds(page)).toEqual(["goal", "funnel", "note", "segments", "stages"]);

  // Resize: the funnel to the full width and tall (which adds its step table).
  const narrow = (await funnelTile.boundingBox())!.width;
  await funnelTile.getByTestId("tile-width").selectOption("3");
  await expect(funnelTile).toHaveAttribute("data-width", "3");
  await funnelTile.getByTestId("tile-height").selectOption("2");
  await expect(funnelTile).toHaveAttribute("data-height", "2");
  await expect(funnelTile.getByTestId("step-table")).toBeVisible();
  expect((await funnelTile.boundingBox())!.width).toBeGreaterThan(narrow * 2.5);

  // By keyboard: the goal's width menu one step on with the arrow key; announced, and kept after a reload.
  const goalTile = page.locator("[data-testid=tile][data-kind=goal]");
  await goalTile.getByTestId("tile-width").focus();
  await page.keyboard.press("ArrowDown");
  await expect(goalTile).toHaveAttribute("data-width", "2");
  await expect(page.getByTestId("grid-announce")).toHaveText(/resized: width 2\/3, height 1\/2\.$/);
  await expect(page.getByTestId("dashboard-grid")).toHaveAttribute("aria-busy", "false");
  await page.reload();
  await expect(goalTile).toHaveAttribute("data-width", "2");
  await expect(goalTile.getByTestId("tile-width")).toHaveValue("2");
  // By mouse: the note's corner handle dragged one column right and one row down; kept after a reload.
  const noteTile = page.locator("[data-testid=tile][data-kind=note]");
  await page.setViewportSize({ width: 1280, height: 1200 });
  // Right after the reload the handle may not have its pointer handlers yet (the page hydrating): the
  // press then selects text instead (a CI run failed so). Drag again, from a clean page, until it takes.
  await page.waitForLoadState("networkidle");
  await expect(async () => {
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await noteTile.evaluate((el) => el.scrollIntoView({ block: "center" }));
    const corner = (await noteTile.getByTestId("tile-resize").boundingBox())!;
    const noteBox = (await noteTile.boundingBox())!;
    await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
    await page.mouse.down();
    try {
      await page.mouse.move(corner.x + noteBox.width + 16, corner.y + noteBox.height + 16, { steps: 8 });
      await expect(noteTile).toHaveAttribute("data-width", "2", { timeout: 2_000 });
    } catch (err) {
      await page.mouse.up();
      throw err;
    }
  }).toPass({ timeout: 30_000 });
  await page.mouse.up();
  await expect(noteTile).toHaveAttribute("data-height", "2");
  await expect(page.getByTestId("dashboard-grid")).toHaveAttribute("aria-busy", "false");
  await page.reload();
  await expect(noteTile).toHaveAttribute("data-width", "2");
  await expect(noteTile).toHaveAttribute("data-height", "2");
  await page.setViewportSize({ width: 1280, height: 720 });

  // An annotation on a day of the period: drawn on the dashboard's trend chart and on the funnel page's.
  await page.getByTestId("annotation-note").fill("nieuwe checkout");
  await page.getByTestId("annotation-add").click();
  await expect(page.getByTestId("error-from")).toBeVisible();
  await page.getByTestId("annotation-from").fill(dayAgo(3));
  await page.getByTestId("annotation-add").click();
  await expect(page.getByTestId("annotation")).toContainText("nieuwe checkout");
  await expect(funnelTile.getByTestId("chart-annotation")).toContainText("nieuwe checkout");
  await expect(funnelTile.getByTestId("trend-chart")).toHaveAttribute("data-annotations", "[1]");
  await shot(page, "desktop-en");
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByTestId("trend").getByTestId("chart-annotation")).toContainText("nieuwe checkout");
  await page.goBack();

  // Share: a colour white text cannot be read on is refused beside the field, and so is an SVG logo.
  await page.getByTestId("dshare-colour").fill("#ffcc00");
  await expect(page.getByTestId("error-colour")).toContainText("4.5:1");
  await expect(page.getByTestId("dshare-create")).toBeDisabled();
  await page.getByTestId("dshare-colour").fill("#1e3a8a");
  await expect(page.getByTestId("dshare-colour").locator("xpath=..")).toContainText(":1");
  await page.getByTestId("dshare-logo").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: SVG });
  await page.getByTestId("dshare-create").click();
  await expect(page.getByTestId("error-logo")).toContainText("no SVG");
  await page.getByTestId("dshare-logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await page.getByTestId("dshare-label").fill("For Klant Fiets");
  await page.getByTestId("dshare-password").fill("client-secret");
  await page.getByTestId("dshare-filter-field").selectOption("device");
  await page.getByTestId("dshare-filter-values").fill("desktop,mobile");
  await page.getByTestId("dshare-create").click();
  const url = await page.getByTestId("dshare-url").inputValue();
  expect(url).toMatch(/\/share\/dashboard\/[A-Za-z0-9_-]{43}$/);

  // The client, in a fresh browser: the password first, then that dashboard and nothing else.
  const client = await browser.newContext();
  const view = await client.newPage();
  const res = await view.goto(url);
  expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
  await view.getByLabel("Password").fill("wrong password");
  await view.getByRole("button", { name: /open/i }).click();
  await expect(view.getByText(/not right|wrong|incorrect/i)).toBeVisible();
  await view.getByLabel("Password").fill("client-secret");
  await view.getByRole("button", { name: /open/i }).click();
  await expect(view.getByTestId("share-title")).toHaveText("Client weekly");
  await expect(view.getByTestId("shared-dashboard-header")).toHaveAttribute("data-colour", "#1e3a8a");
  await expect(view.getByTestId("shared-logo")).toBeVisible();
  expect(await view.getByTestId("shared-logo").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  const logo = await view.request.get(`${url}/logo`);
  expect(logo.headers()["content-type"]).toBe("image/png");
  expect(logo.headers()["x-content-type-options"]).toBe("nosniff");
  await expect(view.getByTestId("share-lock-filter")).toContainText("desktop");
  await expect(view.getByTestId("tile")).toHaveCount(5);
  await expect(view.getByTestId("tile-move")).toHaveCount(0);
  await expect(view.getByTestId("add-tile")).toHaveCount(0);
  await expect(view.getByText("Bureau Dash")).toHaveCount(0);
  await expect(view.locator("[data-testid=tile][data-kind=funnel]").getByTestId("chart-annotation")).toContainText("nieuwe checkout");
  await shot(view, "share-desktop-en");
  await view.setViewportSize({ width: 390, height: 844 });
  await view.reload();
  await expect(view.getByTestId("tile")).toHaveCount(5);
  await noSidewaysScroll(view);
  await shot(view, "share-phone-en");

  // The list shows that it was opened; a viewer of the team reads the dashboard but cannot change it.
  await page.reload();
  await expect(page.getByTestId("dshare-opened").first()).not.toHaveText("Never opened");
  await page.goto("/team");
  await page.getByLabel("Email address").fill(uniqueEmail("dash-viewer"));
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const invite = await page.getByTestId("invite-link").inputValue();
  const vctx = await browser.newContext();
  const viewer = await vctx.newPage();
  await signUpFromInvite(viewer, invite, { name: "Vera Viewer" });
  await viewer.goto(`/projects/${projectId}/dashboards`);
  await expect(viewer.getByTestId("dashboard-name")).toHaveText("Client weekly");
  await expect(viewer.getByTestId("tile")).toHaveCount(5);
  await expect(viewer.locator("[data-testid=tile][data-kind=funnel]").getByTestId("chart-annotation")).toContainText("nieuwe checkout");
  for (const id of ["tile-move", "add-tile", "dashboard-share-form", "annotation-form", "dashboard-create"])
    await expect(viewer.getByTestId(id)).toHaveCount(0);
  await vctx.close();

  // Phone width: one column, no sideways scroll.
  await page.goto(`/projects/${projectId}/dashboards`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("tile")).toHaveCount(5);
  const xs = await page.getByTestId("tile").evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
  expect(new Set(xs).size).toBe(1);
  await noSidewaysScroll(page);
  await shot(page, "phone-en");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Revoking asks first, then the client's page says the link is gone.
  await page.getByTestId("dshare-revoke").first().click();
  await page.getByTestId("dshare-revoke-dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("dshare-link").first()).toContainText("Revoked");
  await view.reload();
  await expect(view.getByTestId("share-revoked")).toBeVisible();
  await expect(view.getByTestId("tile")).toHaveCount(0);
  await client.close();
});

test("in Dutch: a dashboard with a note and an annotation, shared, at desktop and phone width", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const projectId = await signUpWithDemoProject(page, { teamName: "Bureau Tegel", project: "Fietsenwinkel" });
  await page.locator("[data-testid=locale-nl]:visible").click();
  await expect(page.getByRole("link", { name: "Conversies" })).toBeVisible();
  await page.goto(`/projects/${projectId}/dashboards`);
  await expect(page.getByRole("link", { name: "Dashboards" })).toBeVisible();
  await page.getByTestId("dashboard-create").click();
  await expect(page.getByTestId("error-name")).toContainText("naam");
  await page.getByTestId("dashboard-new-name").fill("Klant wekelijks");
  await page.getByTestId("dashboard-create").click();
  await expect(page.getByTestId("dashboard-name")).toHaveText("Klant wekelijks");
  await addTile(page, "funnel");
  await addTile(page, "note", () => page.getByTestId("tile-text").fill("Campagne live"));
  await expect(page.locator("[data-testid=tile][data-kind=note]").getByTestId("tile-title")).toHaveText("Notitie");
  await page.getByTestId("annotation-from").fill(dayAgo(5));
  await page.getByTestId("annotation-to").fill(dayAgo(2));
  await page.getByTestId("annotation-note").fill("campagne live");
  await page.getByTestId("annotation-add").click();
  // Dates in the reader's format: "3 dec 2026" in Dutch, not 2026-12-03.
  await expect(page.getByTestId("annotation")).not.toContainText(dayAgo(5));
  const funnelTile = page.locator("[data-testid=tile][data-kind=funnel]");
  await expect(funnelTile.getByTestId("chart-annotation")).toContainText("campagne live");
  await expect(funnelTile.getByTestId("tile-funnel")).toContainText("bezoekers converteerde");
  await page.getByTestId("dshare-colour").fill("#ffcc00");
  await expect(page.getByTestId("error-colour")).toContainText("4,5:1");
  await page.getByTestId("dshare-colour").fill("");
  await page.getByTestId("dshare-create").click();
  const url = await page.getByTestId("dshare-url").inputValue();
  await shot(page, "desktop-nl");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await noSidewaysScroll(page);
  await shot(page, "phone-nl");

  const client = await browser.newContext({ locale: "nl-NL" });
  const view = await client.newPage();
  await view.goto(url);
  await view.locator("[data-testid=locale-nl]:visible").click();
  await expect(view.getByTestId("share-title")).toHaveText("Klant wekelijks");
  await expect(view.locator("[data-testid=tile][data-kind=funnel]").getByTestId("chart-annotation")).toContainText("campagne live");
  await shot(view, "share-desktop-nl");
  await view.setViewportSize({ width: 390, height: 844 });
  await view.reload();
  await noSidewaysScroll(view);
  await shot(view, "share-phone-nl");
  await client.close();
});
