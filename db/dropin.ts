import { and, eq, ne, or } from "drizzle-orm";
import { z } from "zod";
import type { ProjectScope } from "./tenant";
import { projects } from "./schema";
import { forgetWriteKeys } from "./write-key-cache";
import { InputError } from "../lib/errors";
import { siteDomain } from "../lib/ingest/plausible";

/** What a project receives from sites that still carry a Plausible or Umami tag. */
export type DropInClaims = { plausibleDomain: string | null; umamiWebsiteId: string | null };

const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The settings form's input: a site domain as Plausible's `data-domain` names it, an Umami website id; empty clears. */
export const dropInClaimsSchema = z.strictObject({
  plausibleDomain: z
    .string()
    .max(253)
    .transform((s) => (s.trim() ? siteDomain(s.replace(/^https?:\/\//i, "").replace(/\/.*$/, "")) : null))
    .refine((s) => s === null || HOST.test(s), "invalid"),
  umamiWebsiteId: z
    .string()
    .max(36)
    .transform((s) => (s.trim() ? s.trim().toLowerCase() : null))
    .refine((s) => s === null || z.uuid().safeParse(s).success, "invalid"),
});

export function dropInClaimsOf(scope: ProjectScope): DropInClaims {
  return { plausibleDomain: scope.project.plausibleDomain, umamiWebsiteId: scope.project.umamiWebsiteId };
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * Claims (or releases, with null) the site domain and Umami website id whose events this project
 * receives. Each belongs to one project at most: another project's claim is a 409 on its field,
 * so nobody can take over the traffic of a site that already sends to Trechter. Admins only.
 */
export async function setDropInClaims(scope: ProjectScope, claims: DropInClaims): Promise<DropInClaims> {
  scope.require("admin");
  const { plausibleDomain, umamiWebsiteId } = claims;
  const taken = !(plausibleDomain || umamiWebsiteId)
    ? []
    : await scope.db
        .select({ plausibleDomain: projects.plausibleDomain, umamiWebsiteId: projects.umamiWebsiteId })
        .from(projects)
        .where(
          and(
            ne(projects.id, scope.projectId),
            or(
              plausibleDomain ? eq(projects.plausibleDomain, plausibleDomain) : undefined,
              umamiWebsiteId ? eq(projects.umamiWebsiteId, umamiWebsiteId) : undefined,
            ),
          ),
        );
  if (plausibleDomain && taken.some((r) => r.plausibleDomain === plausibleDomain))
    throw new InputError("Another project receives this site's events.", "plausibleDomain", 409);
  if (umamiWebsiteId && taken.some((r) => r.umamiWebsiteId === umamiWebsiteId))
    throw new InputError("Another project receives this website id's events.", "umamiWebsiteId", 409);
  try {
    await scope.db.update(projects).set({ plausibleDomain, umamiWebsiteId }).where(eq(projects.id, scope.projectId));
  } catch (err) {
    // Claimed by another project between the check and the update.
    if (isUniqueViolation(err)) throw new InputError("Another project claimed this a moment ago.", "plausibleDomain", 409);
    throw err;
  }
  forgetWriteKeys();
  return { plausibleDomain, umamiWebsiteId };
}
