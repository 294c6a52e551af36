import http from "node:http";
import os from "node:os";
import { describe, it, expect, afterEach } from "vitest";
import { describeWhen, networkRequirement } from "../requirements";
import { config as parse, ConfigError } from "../../lib/config";
import { listen, browserUrl, selfHost } from "../../server/listen";
import { withSecurity } from "../../server/http";
import { parseTrustProxy } from "../../lib/auth/trust-proxy";
import { PATH_HEADER } from "../../server/origin";

// Where the app's server listens (HOST), tested on real sockets: by default it must not be
// reachable from another machine, which here means through this machine's own network address.
const config = (env: Record<string, string>) => parse({ NODE_ENV: "test", ...env });
let server: http.Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? (server.closeAllConnections(), server.close(() => done())) : done())));

/** This machine's address on its network (not loopback): where another machine would connect. */
function networkAddress(): string {
  const found = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal);
  // describeWhen(networkRequirement) runs these tests only where there is one.
  return found!.address;
}

async function reachable(host: string, port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://${host}:${port}/`, { signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function start(host: string) {
  server = http.createServer((_req, res) => res.end("ok"));
  return listen(server, host, 0);
}

describeWhen("HOST on real sockets: loopback by default, every interface when asked", [networkRequirement()], () => {
  it("defaults to loopback: reachable on this machine, not through its network address", async () => {
    const host = config({}).HOST;
    expect(host).toBe("127.0.0.1");
    const { address, port } = await start(host);
    expect(address).toBe("127.0.0.1");
    expect(await reachable("127.0.0.1", port)).toBe(true);
    expect(await reachable(networkAddress(), port)).toBe(false);
  });

  it("HOST=0.0.0.0 serves every interface, when the operator asks for it", async () => {
    const { address, port } = await start(config({ HOST: "0.0.0.0" }).HOST);
    expect(address).toBe("0.0.0.0");
    expect(await reachable(networkAddress(), port)).toBe(true);
    expect(await reachable("127.0.0.1", port)).toBe(true);
  });
});

describe("HOST: the interface the app's server listens on", () => {
  it("refuses a HOST that is no address, naming the variable", () => {
    expect(() => config({ HOST: "my host; rm -rf" })).toThrow(ConfigError);
    expect(() => config({ HOST: "my host; rm -rf" })).toThrow(/HOST/);
    for (const ok of ["::", "::1", "10.1.2.3", "localhost", "app.internal"]) expect(config({ HOST: ok }).HOST).toBe(ok);
  });

  it("prints a URL a browser can open, and reaches itself over an address it listens on", () => {
    expect(browserUrl("127.0.0.1", 3000)).toBe("http://127.0.0.1:3000");
    expect(browserUrl("0.0.0.0", 3000)).toBe("http://localhost:3000");
    expect(browserUrl("::1", 8080)).toBe("http://[::1]:8080");
    expect(selfHost("0.0.0.0")).toBe("127.0.0.1");
    expect(selfHost("10.1.2.3")).toBe("10.1.2.3");
  });
});

describe("the page a request asked for (kept through a login)", () => {
  it("is set by the server from the request line, whatever the client sent, without the framework's _rsc", async () => {
    server = http.createServer(
      withSecurity({ trustProxy: parseTrustProxy(undefined)! }, (req, res) => res.end(String(req.headers[PATH_HEADER]))),
    );
    const { port } = await listen(server, "127.0.0.1", 0);
    const get = (path: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, { headers: { [PATH_HEADER]: "https://evil.example/" } }).then((r) => r.text());
    expect(await get("/projects/7b5e/goals?range=7d")).toBe("/projects/7b5e/goals?range=7d");
    expect(await get("/projects/7b5e?_rsc=1x2y&range=90d")).toBe("/projects/7b5e?range=90d");
    expect(await get("/projects")).toBe("/projects");
  });
});
