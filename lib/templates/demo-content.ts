import type { Localized } from "./types";

/** What the demo names besides the template's funnel and goals, in both languages (see db/demo). */
export const DEMO_CONTENT: {
  experiment: Localized;
  user: Localized;
  team: Localized;
  project: Localized;
} = {
  experiment: { en: "New checkout", nl: "Nieuwe afrekenpagina" },
  user: { en: "Demo", nl: "Demo" },
  team: { en: "Demo team", nl: "Demoteam" },
  project: { en: "Demo webshop", nl: "Demowebshop" },
};
