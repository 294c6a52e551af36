/**
 * Login limits (OWASP Authentication Cheat Sheet: limit per account AND per source, without
 * letting an attacker lock the real user out). Every attempt is counted before the password is
 * checked; a correct one is taken back.
 * - perAccountAddress: tries at one account from one address. This is the "lockout" a guesser
 *   meets, and it only locks that address out.
 * - perAddress: tries from one address at any account (password spraying).
 * - perAccountUntrusted: tries at one account from everywhere, for clients WITHOUT the account's
 *   device cookie (lib/auth/device.ts): a botnet with many addresses is stopped, while the owner's
 *   browser, which has the cookie, still logs in.
 */
export const LOGIN_LIMITS = { perAccountAddress: 5, perAddress: 20, perAccountUntrusted: 50, windowSeconds: 15 * 60 } as const;
export const LOGIN_WINDOW_MINUTES = LOGIN_LIMITS.windowSeconds / 60;

/** Sign-ups allowed per client address per window (SIGNUP_LIMIT sets the count). */
export const SIGNUP_WINDOW_SECONDS = 3600;

/**
 * Sign-in codes (TOTP or recovery) per user and per client address, counted before the code is
 * checked: 5 guesses at a 6-digit code per 15 minutes (with ±1 step, 3 codes are right at a time).
 */
export const SECOND_FACTOR_LIMITS = { perUser: 5, perAddress: 20, windowSeconds: 15 * 60 } as const;

/** Password-reset mails asked for, per address asked about and per client address, per hour (unknown addresses count too). */
export const RESET_LIMITS = { perEmail: 3, perAddress: 10, windowSeconds: 3600 } as const;
