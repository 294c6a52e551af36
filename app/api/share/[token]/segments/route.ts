import { sharedSegmentValues } from "@/db/share-report";
import { json } from "@/server/api-route";
import { shareRoute, SHARE_HEADERS } from "../../open";

/** Filter-chip values for a shared report: inside the link's period, among its locked filters. */
export const GET = shareRoute("segments", async ({ scope, query }) => {
  const field = query.field!;
  return json({ field, values: await sharedSegmentValues(scope, { ...query, field }) }, { headers: SHARE_HEADERS });
});
