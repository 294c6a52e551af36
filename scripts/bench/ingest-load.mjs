// The load generator of bench:ingest, in its own process: CONCURRENCY connections each post
// batches of 100 events to /v1/batch for DURATION seconds; prints a JSON summary.
import http from "node:http";

const { URL_BASE, WRITE_KEY, DURATION = "20", CONCURRENCY = "16", BATCH = "100" } = process.env;
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(CONCURRENCY) });
const auth = "Basic " + Buffer.from(WRITE_KEY + ":").toString("base64");
const ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36";
const end = Date.now() + Number(DURATION) * 1000;
const latencies = [];
let accepted = 0,
  failed = 0,
  seq = 0;

function batch() {
  const now = new Date().toISOString();
  return JSON.stringify({
    sentAt: now,
    batch: Array.from({ length: Number(BATCH) }, () => {
      const n = seq++;
      return {
        type: n % 5 ? "track" : "page",
        event: "bench_event",
        anonymousId: `v${n % 50000}`,
        messageId: `b-${process.pid}-${n}`,
        timestamp: now,
        properties: { path: "/product/x", n },
        context: { userAgent: ua, page: { url: "https://shop.nl/product/x?utm_source=google&utm_medium=cpc" } },
      };
    }),
  });
}

function post(body) {
  return new Promise((resolve) => {
    const t = performance.now();
    const req = http.request(
      `${URL_BASE}/v1/batch`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", authorization: auth, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let data = "";
        res.on("data", (c) => (data += c));
        res.on("end", () => {
          latencies.push(performance.now() - t);
          if (res.statusCode === 200) accepted += JSON.parse(data).accepted;
          else failed++;
          resolve();
        });
      },
    );
    req.on("error", () => {
      failed++;
      resolve();
    });
    req.end(body);
  });
}

async function worker() {
  while (Date.now() < end) await post(batch());
}
const started = Date.now();
await Promise.all(Array.from({ length: Number(CONCURRENCY) }, worker));
const secs = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(JSON.stringify({ seconds: secs, requests: latencies.length, accepted, failed, p50: pct(0.5), p99: pct(0.99) }));
agent.destroy();
