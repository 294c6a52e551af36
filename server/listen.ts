import type http from "node:http";
import type { AddressInfo } from "node:net";

/** Starts listening on HOST:PORT (see lib/config.ts: loopback unless the operator names an interface). */
export function listen(server: http.Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** The address to open in a browser for a server listening on host:port ("every interface" is opened as localhost). */
export function browserUrl(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/**
 * Where the app reaches itself (Next fetches a server action's redirect target from its own
 * server): the listening address, or loopback when it listens on every interface. Never the name
 * "localhost", which may resolve to ::1 while the server listens on 127.0.0.1 only.
 */
export function selfHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "::1";
  return host;
}
