import { count } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { DEMO_CONTENT, templateSetup } from "../../lib/templates";
import { DEFAULT_LOCALE, type Locale } from "../../lib/i18n/locales";
import { randomToken } from "../../lib/keys";
import { seedDemoData } from "./seed";

export const DEMO_EMAIL = "demo@trechter.nl";

/**
 * The language of whoever starts the server, from the POSIX locale variables (LC_ALL, then
 * LC_MESSAGES, then LANG, as the C library reads them): `nl_NL.UTF-8` or `nl_BE` is Dutch,
 * anything else English.
 */
export function operatorLocale(env: Record<string, string | undefined> = process.env): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^nl([_.@-]|$)/i.test(tag) ? "nl" : DEFAULT_LOCALE;
}

/**
 * On an empty database: a demo user and team with a demo webshop full of demo traffic, named in
 * `locale` (the team, the project, its funnel, goals and A/B test). The password is random
 * (printed once by the caller) unless TRECHTER_DEMO_PASSWORD is set.
 */
export async function seedDemoAccountIfEmpty(
  db: Db,
  locale: Locale = operatorLocale(),
): Promise<{ email: string; password: string; events: number } | null> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (Number(n) > 0) return null;
  const password = process.env.TRECHTER_DEMO_PASSWORD || randomToken(16);
  const { user } = await createAccount(db, {
    name: DEMO_CONTENT.user[locale],
    email: DEMO_EMAIL,
    password,
    teamName: DEMO_CONTENT.team[locale],
  });
  const team = (await teamScopeForUser(db, user.id))!;
  const { project } = await createProject(
    team,
    { name: DEMO_CONTENT.project[locale], sector: "ecommerce", siteUrl: "https://www.demo-webshop.nl" },
    templateSetup("ecommerce", locale),
  );
  const { events } = await seedDemoData(await team.project(project.id), { visitors: 20_000, days: 90, locale });
  return { email: DEMO_EMAIL, password, events };
}
