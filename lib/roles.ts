/** A member's role in a team (stored as text in memberships.role and invites.role). */
export const ROLES = ["owner", "admin", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** How much a role may do: a role may do everything a lower one may. The one ranking (db/tenant, db/members, the team page). */
export const ROLE_RANK: Record<Role, number> = { viewer: 1, admin: 2, owner: 3 };

/** Whether `role` (null: no membership) is `min` or stronger. */
export const atLeast = (role: Role | null | undefined, min: Role): boolean => role != null && ROLE_RANK[role] >= ROLE_RANK[min];
