import net from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; raw: string; headers: string; subject: string; text: string; html: string };

/** A real SMTP server in this process on a random port (or `port`); `reject` makes it refuse every recipient. */
export async function startSmtpServer(opts: { reject?: string; port?: number } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.reject) {
        const err = new Error(opts.reject) as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMessage(raw),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.on("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (bound, then released), for a mail server that refuses connections. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", () => resolve()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Just enough MIME to read what nodemailer writes: headers, subject, and the decoded text and HTML parts. */
function parseMessage(raw: string) {
  const [headers] = raw.split(/\r?\n\r?\n/, 1);
  const unfolded = headers.replace(/\r?\n[ \t]+/g, " ");
  const subject = decodeWords(unfolded.match(/^Subject: (.*)$/im)?.[1] ?? "");
  // Split on the message's own boundaries (every `boundary=` of its multiparts, nested ones too): a
  // line of a quoted-printable part may begin with "--" as well (a share link's token, cut there).
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const split = boundaries.length ? new RegExp(`\\r?\\n--(?:${boundaries.join("|")})(?:--)?`) : /\r?\n--[^\r\n]+/;
  const parts = raw.split(split).map((p) => {
    const [h, ...body] = p.split(/\r?\n\r?\n/);
    const type = h.match(/Content-Type:\s*([^;\s]+)/i)?.[1]?.toLowerCase();
    const enc = h.match(/Content-Transfer-Encoding:\s*(\S+)/i)?.[1]?.toLowerCase();
    return { type, body: decodeBody(body.join("\n\n"), enc) };
  });
  return {
    headers: unfolded,
    subject,
    text: parts.find((p) => p.type === "text/plain")?.body ?? "",
    html: parts.find((p) => p.type === "text/html")?.body ?? "",
  };
}

function decodeBody(body: string, enc?: string): string {
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
  }
  return body;
}

function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeBody(data.replace(/_/g, " "), "quoted-printable"),
    );
}
