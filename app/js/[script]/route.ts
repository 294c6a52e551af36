import { dropInScript, isPlausibleScriptName } from "@/server/ingest/dropin-script";

/** A Plausible tag's script (/js/script.js and its variants), answered with Trechter's drop-in snippet. */
export async function GET(_request: Request, { params }: { params: Promise<{ script: string }> }) {
  const { script } = await params;
  if (!isPlausibleScriptName(script)) return new Response("Not found", { status: 404 });
  return dropInScript("plausible.js");
}
