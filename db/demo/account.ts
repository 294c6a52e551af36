import type { Db } from "../client";
// TEMPORARY until db/demo lands.
export async function seedDemoAccountIfEmpty(_db: Db): Promise<{ email: string; password: string; events: number } | null> {
  return null;
}
