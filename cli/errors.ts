/** A usage or input problem the CLI reports in one clear line, without a stack trace. */
export class CliError extends Error {}
