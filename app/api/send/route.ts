import { dropInRoute } from "@/server/ingest/route";
import { ingestUmami } from "@/server/ingest/dropin";

/** Umami's collect endpoint: what Umami's script sends (server/ingest/dropin.ts). */
export const { OPTIONS, POST } = dropInRoute(ingestUmami);
