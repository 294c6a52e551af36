import type { Sector } from "../lib/sectors";
import type { NewFunnel, NewGoal } from "../db/projects";
// TEMPORARY until lib/templates lands.
export function cliSetupForSector(_s: Sector, _l: "en" | "nl"): { funnels?: NewFunnel[]; goals?: NewGoal[] } {
  return {};
}
