import { dropInRoute } from "@/server/ingest/route";
import { ingestPlausible } from "@/server/ingest/dropin";

/** Plausible's Events API: what Plausible's script and its server-side users send (server/ingest/dropin.ts). */
export const { OPTIONS, POST } = dropInRoute(ingestPlausible);
