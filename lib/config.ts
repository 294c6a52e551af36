import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import net from "node:net";
import { z } from "zod";
import { parseTrustProxy } from "./auth/trust-proxy";

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// connection string")
    .optional(),
  DATA_DIR: z.string().min(1, "DATA_DIR must not be empty").default(".data"),
  PORT: z.coerce.number().int("PORT must be a whole number").min(1).max(65535, "PORT must be 1–65535").default(3000),
  // Loopback by default: a fresh install is not reachable from the network until its operator says so.
  HOST: z
    .string()
    .refine(
      (v) => net.isIP(v) !== 0 || /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(v),
      "HOST must be an address to listen on, like 127.0.0.1 (this machine only), 0.0.0.0 or :: (every interface)",
    )
    .default("127.0.0.1"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  INGEST_RATE_LIMIT: z.coerce.number().int().positive("INGEST_RATE_LIMIT must be a positive number of events per minute").default(600_000),
  TRECHTER_DEMO: z.enum(["0", "1"], "TRECHTER_DEMO must be 0 or 1").default("1"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, "SMTP_URL must be smtp://user:pass@host:587 or smtps://user:pass@host:465")
    .optional(),
  TRUST_PROXY: z
    .string()
    .refine(
      (v) => parseTrustProxy(v) !== null,
      "TRUST_PROXY must be a number of proxy hops (1, 2, …) or a comma-separated list of proxy addresses and CIDR ranges (e.g. 10.0.0.0/8,::1), or 'loopback'",
    )
    .optional(),
  APP_URL: z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "https:" || u.protocol === "http:") && u.pathname === "/" && !u.search && !u.hash;
      } catch {
        return false;
      }
    }, "APP_URL must be the app's public origin, like https://trechter.example.nl (no path)")
    .optional(),
  SIGNUP_LIMIT: z.coerce
    .number()
    .int()
    .positive("SIGNUP_LIMIT must be a positive number of sign-ups per client address per hour")
    .default(20),
  MAIL_FROM: z.string().min(3, "MAIL_FROM must be an address like Trechter <no-reply@example.nl>").default("Trechter <no-reply@localhost>"),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** The validated configuration; throws a ConfigError that names each wrong variable. */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR || ".data");
}

/**
 * AUTH_SECRET from the environment, or one generated on first start and kept in the data
 * directory. `generated` tells the caller to say so once.
 */
export function ensureAuthSecret(env: NodeJS.ProcessEnv = process.env): { secret: string; generated: boolean; file?: string } {
  if (env.AUTH_SECRET) return { secret: env.AUTH_SECRET, generated: false };
  const file = path.join(dataDir(env), "auth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return { secret: existing, generated: false, file };
  } catch {
    /* not there yet */
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return { secret, generated: true, file };
}

/** The secret the app signs and encrypts with (env first, then the data directory's file). */
export function authSecret(): string {
  return ensureAuthSecret().secret;
}
