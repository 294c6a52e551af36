import { z } from "zod";
import { apiProjectScope, apiTeamScope } from "@/server/guard";
import { requestOrigin } from "@/server/origin";
import { deletePerson } from "@/db/persons";
import { personIdSchema } from "@/lib/privacy/types";
import { forbidden, InputError } from "@/lib/errors";
import { json, route } from "@/server/api-route";

const paramsSchema = z.strictObject({ projectId: z.string(), personId: personIdSchema });

/**
 * Erases one person of a project: `personId` is their person id, user id or any of their anonymous
 * ids (URL-encoded). A project admin's session only: a read key or a viewer is 403, another team's
 * project 404, an id nobody in the project has 404. The answer says what went, per kind:
 * `{ personId, deleted: { events, devices, identityLinks, persons, funnelFacts } }`; the deletion is
 * logged (who, when, which id). A session's request from another site (its Origin) is refused, so a
 * page elsewhere cannot make a signed-in admin's browser erase anyone.
 */
export const DELETE = route<{ params: Promise<{ projectId: string; personId: string }> }>(async (request, { params }) => {
  const raw = await params;
  const url = new URL(request.url);
  const bearer = /^Bearer\s+\S+$/i.test(request.headers.get("authorization") ?? "");
  const scope = bearer ? await apiProjectScope(request, raw.projectId) : await (await apiTeamScope()).project(raw.projectId);
  // Read keys only read; viewers change nothing.
  scope.require("admin");
  const origin = request.headers.get("origin");
  if (origin && origin !== requestOrigin(request.headers)) throw forbidden("This request came from another site.");
  if ([...url.searchParams.keys()].length) throw new InputError("This request takes no query parameters.", [...url.searchParams.keys()][0]);
  const parsed = paramsSchema.safeParse(raw);
  if (!parsed.success) throw new InputError("personId must be 1 to 200 characters without NUL or broken Unicode.", "personId");
  const erased = await deletePerson(scope, parsed.data.personId);
  return json({ personId: erased.personId, deleted: erased.counts });
});
