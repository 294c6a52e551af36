import { test, expect, type Page } from "@playwright/test";
import { signUp, createProjectQuickly, signUpWithDemoProject } from "./helpers";

const events = (page: Page) =>
  page
    .locator("[data-testid^=editor-step-]")
    .evaluateAll((rows) => rows.map((row) => row.querySelector<HTMLInputElement>("[data-testid=match-event]")?.value ?? ""));

test("funnel steps reorder by keyboard (focus stays on the moved step, announced) and by dragging, and the new order is saved", async ({
  page,
}) => {
  await signUp(page);
  const projectId = await createProjectQuickly(page, { project: "Volgorde" });
  await page.goto(`/projects/${projectId}/funnels/new`);
  await page.getByLabel("Name", { exact: true }).fill("Reordered");
  await page.getByRole("button", { name: "Add step" }).click();
  for (const [i, event] of ["pageview", "add_to_cart", "purchase"].entries())
    await page
      .getByTestId(`editor-step-${i + 1}`)
      .getByLabel("Event", { exact: true })
      .fill(event);
  expect(await events(page)).toEqual(["pageview", "add_to_cart", "purchase"]);

  // Keyboard: the move buttons say which step they move, and keep the focus on the moved step.
  await page.getByRole("button", { name: "Move step 1 down" }).focus();
  await page.keyboard.press("Enter");
  expect(await events(page)).toEqual(["add_to_cart", "pageview", "purchase"]);
  await expect(page.getByRole("button", { name: "Move step 2 down" })).toBeFocused();
  await expect(page.getByTestId("reorder-status")).toHaveText("pageview is now step 2 of 3.");
  await expect(page.getByTestId("reorder-status")).toHaveAttribute("aria-live", "polite");
  await page.keyboard.press("Enter");
  expect(await events(page)).toEqual(["add_to_cart", "purchase", "pageview"]);
  // At the bottom "down" is off, so the focus goes to the same step's "up".
  await expect(page.getByRole("button", { name: "Move step 3 up" })).toBeFocused();
  await expect(page.getByTestId("reorder-status")).toHaveText("pageview is now step 3 of 3.");

  // Pointer: drag step 2 (purchase) by its handle above step 1.
  const handle = page.getByTestId("drag-step-2");
  // Both rows on screen: the first at the top of the viewport.
  await page.getByTestId("editor-step-1").evaluate((row) => row.scrollIntoView({ block: "start" }));
  const from = (await handle.boundingBox())!;
  const target = (await page.getByTestId("editor-step-1").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, target.y + 8, { steps: 8 });
  await page.mouse.up();
  expect(await events(page)).toEqual(["purchase", "add_to_cart", "pageview"]);
  await expect(page.getByTestId("reorder-status")).toHaveText("purchase is now step 1 of 3.");

  await page.getByTestId("save-funnel").click();
  await expect(page).toHaveURL(/\?funnel=[0-9a-f-]{36}/);
  // Saved, not just shown: the editor opened afresh has the new order.
  const funnelId = new URL(page.url()).searchParams.get("funnel");
  await page.goto(`/projects/${projectId}/funnels/${funnelId}/edit`);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Reordered");
  expect(await events(page)).toEqual(["purchase", "add_to_cart", "pageview"]);
});

test("the editor's live counts use the dashboard's range: the same 30 whole days, the same visitors", async ({ page }) => {
  test.setTimeout(150_000);
  await signUpWithDemoProject(page);
  await expect(page.getByTestId("range")).toHaveValue("30d");
  // The first number in the text ("1,641 visitors did this in the last 30 days" → 1641).
  const digits = (s: string | null) =>
    Number(
      (s ?? "")
        .trim()
        .match(/^[\d.,\s\u00a0\u202f]+/)?.[0]
        .replace(/\D/g, "") ?? NaN,
    );
  const dashboard = digits(await page.getByTestId("stat-entered").textContent());
  expect(dashboard).toBeGreaterThan(0);
  await page.getByTestId("edit-funnel").click();
  await expect(page.getByTestId("editor-live-1")).toContainText("visitors did this", { timeout: 30_000 });
  expect(digits(await page.getByTestId("editor-live-1").textContent())).toBe(dashboard);
});
