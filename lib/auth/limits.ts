/** Failed logins allowed per account and per client address in the window before a pause. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 } as const;
export const LOGIN_WINDOW_MINUTES = LOGIN_LIMITS.windowSeconds / 60;
