import { isOneOf } from "./one-of";

/** The sectors a project can pick at onboarding; ids are stable (stored in projects.sector, used by the CLI). */
export const SECTORS = ["ecommerce", "b2b", "hospitality", "saas", "recruitment"] as const;
export type Sector = (typeof SECTORS)[number];

export function isSector(value: unknown): value is Sector {
  return isOneOf(SECTORS, value);
}
