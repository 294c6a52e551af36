export const DIGEST_REPORTS = ["funnel", "conversions", "dashboard"] as const;
export const DIGEST_FREQUENCIES = ["daily", "weekly", "monthly"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
/** sending: recorded before the SMTP transaction; uncertain: a send whose outcome a crash hid (never resent) */
export const DELIVERY_STATES = ["sending", "sent", "failed", "uncertain", "skipped"] as const;
