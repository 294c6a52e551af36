/** Access failures the guard raises; route handlers turn them into 401/403/404 JSON, pages into redirects. */
export class AccessError extends Error {
  constructor(
    public readonly status: 401 | 403 | 404,
    public readonly code: "unauthenticated" | "forbidden" | "not_found",
    message: string,
  ) {
    super(message);
  }
}

export const unauthenticated = (msg = "Sign in, or send a valid key.") => new AccessError(401, "unauthenticated", msg);
export const forbidden = (msg = "Your role does not allow this.") => new AccessError(403, "forbidden", msg);
export const notFound = (what = "Not found") => new AccessError(404, "not_found", what);

/** A rule of the product that input broke (duplicate email, invalid funnel): a 4xx with its message. */
export class InputError extends Error {
  constructor(
    message: string,
    public readonly field?: string,
    public readonly status: 400 | 409 | 422 = 400,
  ) {
    super(message);
  }
}
