import { ApiError, apiErrorFromBody } from "@/lib/api-client/errors";

/**
 * The one way the client reads the JSON API: the parsed body of a 2xx answer, or an ApiError with
 * the answer's `{ error: { code, message } }` (code `network` when no answer came).
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw new ApiError(0, "network", err instanceof Error ? err.message : "No answer");
  }
  if (!res.ok) throw apiErrorFromBody(res.status, await res.json().catch(() => null));
  return (await res.json()) as T;
}
