/**
 * Any site may send events to its project: CORS is open, credentials are the write key (or, for the
 * drop-in APIs, the claimed site). `x-umami-cache` is the header Umami's script sends back.
 */
export const INGEST_CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Authorization, Content-Encoding, x-umami-cache",
  "Access-Control-Max-Age": "86400",
};
