import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signUpWithDemoProject, uniqueEmail } from "../helpers";

/**
 * Every page of the app, for the phone-width spec (e2e/phone.spec.ts) and the screenshot script
 * (e2e/screenshots/capture.ts): one signed-up team with a demo project, a share link with and one
 * without a password, and an invite. Pages that are steps of one URL (onboarding) get there by
 * clicking through.
 */
export type Site = { projectId: string; funnelId: string; shareUrl: string; sharePasswordUrl: string; inviteUrl: string };

export type AppPage = {
  name: string;
  /** opens the page in `page` (already in the right context) and waits for it to settle */
  open: (page: Page) => Promise<void>;
  /** a page of someone who is not signed in */
  loggedOut?: boolean;
};

export const LOCALES = ["en", "nl"] as const;
export type Locale = (typeof LOCALES)[number];

/** Creates the team, the demo project, two share links and an invite; `page` stays signed in. */
export async function prepareSite(page: Page): Promise<Site> {
  const projectId = await signUpWithDemoProject(page, { teamName: "Bureau Smal", project: "Fietsenwinkel De Lange Omweg" });
  const funnelId = (await page.getByTestId("funnel-select").inputValue()).trim();
  await page.getByTestId("create-share").click();
  const shareUrl = await page.getByTestId("share-url").inputValue();
  await page.getByTestId("share-password").fill("klant-2026");
  await page.getByTestId("create-share").click();
  await expect(page.getByTestId("share-url")).not.toHaveValue(shareUrl);
  const sharePasswordUrl = await page.getByTestId("share-url").inputValue();
  await page.goto("/team");
  await page.getByLabel(/email address|e-mailadres/i).fill(uniqueEmail("collega"));
  await page.getByRole("button", { name: /create invite link|uitnodigingslink/i }).click();
  const inviteUrl = await page.getByTestId("invite-link").inputValue();
  return { projectId, funnelId, shareUrl, sharePasswordUrl, inviteUrl };
}

/** Waits until the page shows its data: no request in flight and no skeleton left. */
export async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".animate-pulse")).toHaveCount(0, { timeout: 45_000 });
  await page.evaluate(() => document.fonts.ready);
}

const visit = (path: string) => async (page: Page) => {
  await page.goto(path);
  await settle(page);
};

/** The pages, in the order a person would meet them. */
export function appPages(site: Site): AppPage[] {
  const p = `/projects/${site.projectId}`;
  const onboarding = async (page: Page, until: "site" | "sector" | "review" | "install") => {
    await page.goto("/projects/new");
    await settle(page);
    // The wizard keeps its draft on the server and resumes it: finish one left on its last step, then
    // start from the first step.
    const skip = page.getByTestId("onboarding-skip");
    if (await skip.isVisible()) {
      await skip.click();
      await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/, { timeout: 60_000 });
      await page.goto("/projects/new");
      await settle(page);
    }
    const restart = page.getByRole("button", { name: /^(start over|opnieuw beginnen)$/i });
    if (await restart.isVisible()) {
      await restart.click();
      await expect(page.getByLabel(/project name|projectnaam/i)).toBeVisible();
    }
    if (until === "site") return;
    await page.getByLabel(/project name|projectnaam/i).fill("Hotel Aan Zee");
    await page.getByRole("button", { name: /^(next|volgende)$/i }).click();
    if (until === "sector") return settle(page);
    await page.getByTestId("sector-hospitality").click();
    await page.getByRole("button", { name: /^(next|volgende)$/i }).click();
    if (until === "review") return settle(page);
    await page.getByTestId("create-project").click();
    await expect(page.getByTestId("load-demo")).toBeVisible({ timeout: 30_000 });
    await settle(page);
  };
  return [
    { name: "login", open: visit("/login"), loggedOut: true },
    { name: "signup", open: visit("/signup"), loggedOut: true },
    { name: "invite", open: visit(new URL(site.inviteUrl).pathname), loggedOut: true },
    { name: "share", open: visit(new URL(site.shareUrl).pathname), loggedOut: true },
    { name: "share-password", open: visit(new URL(site.sharePasswordUrl).pathname), loggedOut: true },
    { name: "share-404", open: visit("/share/" + "x".repeat(43)), loggedOut: true },
    { name: "404-logged-out", open: visit("/no-such-page"), loggedOut: true },
    { name: "projects", open: visit("/projects") },
    { name: "onboarding-site", open: (page) => onboarding(page, "site") },
    { name: "onboarding-sector", open: (page) => onboarding(page, "sector") },
    { name: "onboarding-review", open: (page) => onboarding(page, "review") },
    { name: "onboarding-install", open: (page) => onboarding(page, "install") },
    { name: "funnels", open: visit(p) },
    { name: "funnels-breakdown", open: visit(`${p}?breakdown=source&compare=1`) },
    { name: "funnel-new", open: visit(`${p}/funnels/new`) },
    { name: "funnel-edit", open: visit(`${p}/funnels/${site.funnelId}/edit`) },
    {
      // The editor with every kind of field open: a second event, a condition, an exclusion and a held field.
      name: "funnel-edit-rules",
      open: async (page) => {
        await visit(`${p}/funnels/${site.funnelId}/edit`)(page);
        await page.getByTestId("editor-step-2").getByTestId("add-event").click();
        await page.getByTestId("editor-step-3").getByTestId("add-condition").click();
        await page.getByTestId("editor-step-3").getByTestId("within-unit").selectOption("hours");
        await page.getByTestId("add-exclusion").click();
        await page.getByTestId("editor-exclusion-1").getByTestId("add-condition").click();
        await page.getByTestId("add-hold").click();
        await settle(page);
      },
    },
    { name: "funnels-compare", open: visit(`${p}?compare=1`) },
    { name: "conversions", open: visit(`${p}/conversions`) },
    { name: "goals", open: visit(`${p}/goals`) },
    { name: "experiments", open: visit(`${p}/experiments`) },
    { name: "spend", open: visit(`${p}/spend`) },
    { name: "dashboards", open: visit(`${p}/dashboards`) },
    { name: "settings", open: visit(`${p}/settings`) },
    { name: "schedules-and-alerts", open: visit(`${p}/settings/reports`) },
    { name: "team", open: visit("/team") },
    { name: "invite-signed-in", open: visit(new URL(site.inviteUrl).pathname) },
    { name: "404-project", open: visit("/projects/00000000-0000-4000-8000-000000000000") },
    { name: "404-signed-in", open: visit("/projects/no-such-page/deeper") },
  ];
}

/** A context in a language (the switcher's cookie), signed in with `state` or not at all. */
export async function localeContext(
  browser: Browser,
  baseURL: string,
  locale: Locale,
  viewport: { width: number; height: number },
  state?: Awaited<ReturnType<BrowserContext["storageState"]>>,
) {
  const context = await browser.newContext({ baseURL, viewport, storageState: state, locale: locale === "nl" ? "nl-NL" : "en-GB" });
  await context.addCookies([{ name: "trechter_locale", value: locale, url: baseURL }]);
  return context;
}

export type Overflow = { viewport: number; scrollWidth: number; offenders: string[] };

/**
 * How far the page reaches sideways: the document's scroll width against the viewport, and every
 * visible element whose visible part (after the clipping of scrolling ancestors: a table region, the
 * project tabs) reaches past either edge, named by tag, test id or classes and its width.
 */
export async function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || style.position === "fixed") continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      let left = r.left;
      let right = r.right;
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.position === "absolute" && (s.clip !== "auto" || s.clipPath !== "none")) clipped = true;
        if (s.overflowX !== "visible") {
          const b = a.getBoundingClientRect();
          left = Math.max(left, b.left);
          right = Math.min(right, b.right);
        }
      }
      if (clipped || right <= left || (style.position === "absolute" && (style.clip !== "auto" || style.clipPath !== "none"))) continue;
      if (right > vw + 0.5 || left < -0.5) {
        const id = el.dataset.testid
          ? `[data-testid=${el.dataset.testid}]`
          : el.className && typeof el.className === "string"
            ? `.${el.className.split(" ").slice(0, 4).join(".")}`
            : "";
        offenders.push(`${el.tagName.toLowerCase()}${id} ${Math.round(left)}…${Math.round(right)}`);
      }
    }
    return { viewport: vw, scrollWidth: document.scrollingElement!.scrollWidth, offenders: offenders.slice(0, 8) };
  });
}
