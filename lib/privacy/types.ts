import { z } from "zod";
import { storableString } from "../text/safe";

/** A person as the API and the person page name them: their person id, user id or one of their anonymous ids. */
export const personIdSchema = storableString().min(1).max(200);

/** What erasing a person removed, counted per kind of row (the API's answer and the audit log's counts). */
export type PersonErasure = {
  /** the person id their events were counted under */
  personId: string;
  counts: {
    events: number;
    /** anonymous ids (devices, browsers) that were linked to them */
    devices: number;
    identityLinks: number;
    /** person rows: the person and the anonymous persons merged into them (traits) */
    persons: number;
    funnelFacts: number;
  };
};

/** The person page's summary: no event payloads, only what the page shows. */
export type PersonProfile = {
  personId: string;
  userId: string | null;
  anonymousIds: string[];
  traits: Record<string, unknown>;
  firstSeen: Date | null;
  lastSeen: Date | null;
  events: number;
  /** events per name, most frequent first (at most 20 names) */
  eventNames: { name: string; count: number }[];
};

/** A project's retention setting: events are kept this many months (RETENTION_MONTHS bounds it). */
export const RETENTION_MONTHS = { min: 1, max: 120, default: 25 } as const;
export const retentionMonthsSchema = z.number().int().min(RETENTION_MONTHS.min).max(RETENTION_MONTHS.max);
