/**
 * The admin CLI for self-hosters: `npm run trechter -- <command> [--flags]`.
 * Prints JSON on stdout; errors go to stderr with a non-zero exit.
 */
import { parseArgs } from "node:util";
import { COMMANDS, type Command } from "./commands";
import { CliError } from "./errors";
import { DatabaseBusyError, getDbHandle } from "../db/client";
import { AccessError, InputError } from "../lib/errors";
import { ZodError } from "zod";

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(18)} ${c.summary}`);
  return `Usage: npm run trechter -- <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun a command with --help for its options.`;
}

function commandHelp(name: string, c: Command): string {
  const opts = Object.entries(c.options).map(([flag, o]) => `  --${flag.padEnd(12)} ${o.required ? "(required) " : ""}${o.description}`);
  return `Usage: npm run trechter -- ${name} ${c.usage}\n\n${c.summary}\n\nOptions:\n${opts.join("\n")}\n  --help         Show this help`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`Unknown command "${name}".\n\n${usage()}`);
  const options = Object.fromEntries(Object.entries(command.options).map(([k, o]) => [k, { type: o.type ?? "string" } as const]));
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...options, help: { type: "boolean" } },
      strict: true,
      allowPositionals: Boolean(command.positional),
    });
    values = parsed.values;
    if (parsed.positionals.length > 1) throw new Error(`Unexpected argument "${parsed.positionals[1]}".`);
    if (command.positional && parsed.positionals[0] !== undefined) values[command.positional] = parsed.positionals[0];
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${commandHelp(name, command)}`);
  }
  if (values.help) {
    console.log(commandHelp(name, command));
    return 0;
  }
  const missing = Object.entries(command.options).filter(([k, o]) => o.required && (values[k] === undefined || values[k] === ""));
  if (missing.length) throw new CliError(`Missing ${missing.map(([k]) => `--${k}`).join(", ")}.\n\n${commandHelp(name, command)}`);

  const handle = await getDbHandle();
  try {
    const result = await command.run(handle, values);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await handle.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof CliError || err instanceof DatabaseBusyError || err instanceof InputError || err instanceof AccessError) {
      console.error(`Error: ${err.message}`);
    } else if (err instanceof ZodError) {
      console.error(`Error: ${err.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
    } else {
      console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exit(1);
  },
);
