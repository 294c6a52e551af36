import { dropInScript } from "@/server/ingest/dropin-script";

/** An Umami tag's script (/script.js), answered with Trechter's drop-in snippet. */
export function GET() {
  return dropInScript("umami.js");
}
