import type { Command } from "./commands";
import { CliError } from "./errors";
import { migrate } from "../db/migrate";
import { findUserByEmail, setPassword } from "../db/accounts";
import { disableTotp } from "../db/two-factor";
import { clearRateLimit } from "../db/rate-limit";
import { passwordSchema } from "../lib/auth/validation";

/** Reads a line from the terminal without showing it (raw mode: nothing is echoed, not even stars). */
function readHidden(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let value = "";
    const done = (fn: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      stderr.write("\n");
      fn();
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === "\r" || c === "\n") return done(() => resolve(value));
        if (c === "\u0003" || c === "\u0004") return done(() => reject(new CliError("Cancelled; the password was not changed.")));
        value = c === "\u007f" || c === "\b" ? value.slice(0, -1) : value + c;
      }
    };
    stdin.on("data", onData);
  });
}

/** The first line of standard input (for scripts: `printf '%s\n' "$PW" | npm run trechter -- user:password a@b.nl`). */
async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > 64 * 1024) throw new CliError("Standard input is too long for a password.");
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

async function newPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await readHidden("New password: ");
  const again = await readHidden("Repeat it: ");
  if (first !== again) throw new CliError("The two passwords differ; nothing was changed.");
  return first;
}

export const userPasswordCommand: Command = {
  summary: "Set a new password for a user (asked for without echo, or read from stdin); signs out all their sessions.",
  usage: "<email> [--disable-two-factor]",
  positional: "email",
  options: {
    "disable-two-factor": {
      description: "Also turn off two-factor sign-in (a user who lost their phone and recovery codes)",
      type: "boolean",
    },
  },
  async run(handle, v) {
    const email = typeof v.email === "string" ? v.email.trim().toLowerCase() : "";
    if (!email) throw new CliError("Name the user: npm run trechter -- user:password <email>");
    await migrate(handle);
    const user = await findUserByEmail(handle.db, email);
    if (!user) throw new CliError(`No user with email ${email}.`);
    const parsed = passwordSchema.safeParse(await newPassword());
    if (!parsed.success)
      throw new CliError(
        parsed.error.issues[0]?.message === "passwordLong"
          ? "The password must have at most 200 characters."
          : "The password must have at least 10 characters.",
      );
    await setPassword(handle.db, user.id, parsed.data, null);
    await clearRateLimit(handle.db, `login:account:${user.email}`);
    const twoFactorOff = v["disable-two-factor"] === true;
    if (twoFactorOff) await disableTotp(handle.db, user.id);
    return { ok: true, user: { id: user.id, email: user.email }, sessionsEnded: true, ...(twoFactorOff ? { twoFactor: "off" } : {}) };
  },
};
