import { count } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";
import { createAccount } from "../accounts";
import { teamScopeForUser } from "../tenant";
import { createProject } from "../projects";
import { templateSetup } from "../../lib/templates";
import { randomToken } from "../../lib/keys";
import { seedDemoData } from "./seed";

export const DEMO_EMAIL = "demo@trechter.nl";

/**
 * On an empty database: a demo user and team with a demo webshop full of demo traffic. The
 * password is random (printed once by the caller) unless TRECHTER_DEMO_PASSWORD is set.
 */
export async function seedDemoAccountIfEmpty(db: Db): Promise<{ email: string; password: string; events: number } | null> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (Number(n) > 0) return null;
  const password = process.env.TRECHTER_DEMO_PASSWORD || randomToken(16);
  const { user } = await createAccount(db, { name: "Demo", email: DEMO_EMAIL, password, teamName: "Demo team" });
  const team = (await teamScopeForUser(db, user.id))!;
  const { project } = await createProject(
    team,
    { name: "Demo webshop", sector: "ecommerce", siteUrl: "https://www.demo-webshop.nl" },
    templateSetup("ecommerce", "en"),
  );
  const { events } = await seedDemoData(await team.project(project.id), { visitors: 20_000, days: 90 });
  return { email: DEMO_EMAIL, password, events };
}
