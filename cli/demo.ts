import type { Command } from "./commands";
// TEMPORARY until db/demo lands.
export const demoSeedCommand: Command = { summary: "Generate demo traffic for a project.", usage: "", options: {}, run: async () => ({}) };
