// The app's HTTP server (started by scripts/start.mjs): Next's documented custom-server API, so
// the socket's address is known. server/http.ts decides the client's address and the headers.
import http from "node:http";
import next from "next";
import { config } from "../lib/config";
import { parseTrustProxy } from "../lib/auth/trust-proxy";
import { withSecurity } from "./http";
import { browserUrl, listen, selfHost } from "./listen";
import { startRetentionJob } from "./retention-job";
import { handleIngestion } from "./ingest/node";
import { startJobs } from "./jobs/start";

const cfg = config();
if (cfg.APP_URL && !process.env.AUTH_URL) {
  // next-auth builds its URLs (and picks Secure cookies) from AUTH_URL when set.
  process.env.AUTH_URL = `${cfg.APP_URL.replace(/\/$/, "")}/api/auth`;
}
const settings = { trustProxy: parseTrustProxy(cfg.TRUST_PROXY)!, appUrl: cfg.APP_URL };
// hostname and port: Next fetches from itself (a server action's redirect target), so it must know where it listens.
const app = next({ dev: false, dir: process.cwd(), hostname: selfHost(cfg.HOST), port: cfg.PORT });
const handle = app.getRequestHandler();

app.prepare().then(async () => {
  // Ingestion (/v1/*, /api/event, /api/send) is answered here without Next's request pipeline
  // (server/ingest/node.ts): same handlers, same answers; everything else goes to Next.
  const server = http.createServer(withSecurity(settings, (req, res) => handleIngestion(req, res) || handle(req, res)));
  await listen(server, cfg.HOST, cfg.PORT).catch((err: Error) => {
    console.error(`[trechter] Cannot listen on ${cfg.HOST}:${cfg.PORT}: ${err.message}`);
    process.exit(1);
  });
  // scripts/start.mjs prints the URL and the demo login once this arrives, after everything else.
  const ready = { ready: true, url: browserUrl(cfg.HOST, cfg.PORT), host: cfg.HOST };
  if (process.send) process.send(ready);
  else console.log(`[trechter] Ready on ${ready.url}`);
  // Each project's event retention, checked on start and hourly (db/retention.ts).
  startRetentionJob();
  // Scheduled digests and alert checks: a queue in the database shared by every process (db/jobs.ts).
  startJobs();
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.close(() => process.exit(0)));
});
