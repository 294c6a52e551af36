import { sharedFunnelResults } from "@/db/share-report";
import { json } from "@/server/api-route";
import { shareRoute, SHARE_HEADERS } from "../../open";

/** Results of the one funnel a share link opens, within the link's period and locked filters. */
export const GET = shareRoute("results", async ({ scope, link, query }) =>
  json(await sharedFunnelResults(scope, link, query), { headers: SHARE_HEADERS }),
);
