import type { DbHandle } from "../db/client";
import { migrate } from "../db/migrate";
import { distribute } from "../db/distribution";
import { createAccount, findTeam, findUserByEmail, createTeam } from "../db/accounts";
import { operatorTeamScope } from "../db/tenant";
import { createProject } from "../db/projects";
import { signupSchema } from "../lib/auth/validation";
import { isSector, SECTORS } from "../lib/sectors";
import { CliError } from "./errors";
import { templateSetup } from "../lib/templates";
import { demoSeedCommand } from "./demo";
import { userPasswordCommand } from "./user-password";

type Values = Record<string, string | boolean | undefined>;
type Option = { description: string; required?: boolean; type?: "string" | "boolean" };
export type Command = {
  summary: string;
  usage: string;
  options: Record<string, Option>;
  /** The name one positional argument is passed under (user:password <email>); commands without it take none. */
  positional?: string;
  run: (h: DbHandle, v: Values) => Promise<unknown>;
};

const str = (v: Values, k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);

export const COMMANDS: Record<string, Command> = {
  "db:migrate": {
    summary: "Apply the database migrations (safe to run again).",
    usage: "",
    options: {},
    async run(handle) {
      await migrate(handle);
      return { ok: true, database: handle.kind };
    },
  },
  "db:distribute": {
    summary: "On a Citus coordinator, distribute the tenant tables by project and copy the shared ones to every node (safe to run again).",
    usage: "",
    options: {},
    async run(handle) {
      await migrate(handle);
      const done = await distribute(handle.db);
      if (!done.citus) return { ok: true, citus: false, note: "This database is not a Citus coordinator: nothing to distribute." };
      return { ok: true, citus: true, distributed: done.distributed, reference: done.referenced };
    },
  },
  "user:create": {
    summary: "Create a user and a team they own (or add them to --team as owner).",
    usage: "--email <email> --password <password> --name <name> [--team <name>]",
    options: {
      email: { description: "Email address", required: true },
      password: { description: "Password (at least 10 characters)", required: true },
      name: { description: "Display name", required: true },
      team: { description: 'Name of the new team (default: "<name>\'s team")' },
    },
    async run(handle, v) {
      const parsed = signupSchema.safeParse({
        name: str(v, "name"),
        email: str(v, "email"),
        password: str(v, "password"),
        teamName: str(v, "team") ?? "",
      });
      if (!parsed.success) {
        const messages: Record<string, string> = {
          emailInvalid: "--email is not a valid email address",
          passwordShort: "--password must have at least 10 characters",
          passwordLong: "--password must have at most 200 characters",
          nameRequired: "--name is required",
          nameTooLong: "--name must be under 100 characters",
          teamNameTooLong: "--team must be under 100 characters",
        };
        throw new CliError(parsed.error.issues.map((i) => messages[i.message] ?? i.message).join("; "));
      }
      await migrate(handle);
      if (await findUserByEmail(handle.db, parsed.data.email)) throw new CliError(`A user with email ${parsed.data.email} already exists.`);
      const { user, team } = await createAccount(handle.db, parsed.data);
      return { user: { id: user.id, email: user.email, name: user.name }, team: { id: team.id, slug: team.slug, name: team.name } };
    },
  },
  "team:create": {
    summary: "Create another team owned by an existing user.",
    usage: "--owner <email> --name <name>",
    options: { owner: { description: "Email of the owner", required: true }, name: { description: "Team name", required: true } },
    async run(handle, v) {
      const user = await findUserByEmail(handle.db, str(v, "owner")!);
      if (!user) throw new CliError(`No user with email ${str(v, "owner")}.`);
      const team = await createTeam(handle.db, user.id, str(v, "name")!);
      return { team: { id: team.id, slug: team.slug, name: team.name } };
    },
  },
  "project:create": {
    summary: "Create a project with its sector template's funnel and goals; prints its keys once.",
    usage: `--team <id|slug> --name <name> --sector <${SECTORS.join("|")}> [--site <url>] [--timezone <tz>] [--locale en|nl]`,
    options: {
      team: { description: "Team id or slug", required: true },
      name: { description: "Project name", required: true },
      sector: { description: SECTORS.join(", "), required: true },
      site: { description: "Site address, like https://www.example.nl" },
      timezone: { description: "IANA time zone (default Europe/Amsterdam)" },
      locale: { description: "Language of the template's funnel and goal names (en or nl, default en)" },
    },
    async run(handle, v) {
      const sector = str(v, "sector")!;
      if (!isSector(sector)) throw new CliError(`--sector must be one of ${SECTORS.join(", ")} (got "${sector}").`);
      const team = await findTeam(handle.db, str(v, "team")!);
      if (!team) throw new CliError(`No team with id or slug "${str(v, "team")}".`);
      const locale = str(v, "locale") === "nl" ? "nl" : "en";
      const scope = await operatorTeamScope(handle.db, team.id);
      const { project, writeKey, readKey } = await createProject(
        scope,
        { name: str(v, "name")!, sector, siteUrl: str(v, "site"), timeZone: str(v, "timezone") ?? "Europe/Amsterdam" },
        templateSetup(sector, locale),
      );
      return {
        project: { id: project.id, name: project.name, sector: project.sector, teamId: project.teamId, timeZone: project.timeZone },
        writeKey,
        readKey,
        note: "Keep the read key now: only its hash is stored. The write key is shown again in the project's settings.",
      };
    },
  },
  "user:password": userPasswordCommand,
  "demo:seed": demoSeedCommand,
};
