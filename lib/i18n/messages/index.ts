import en from "./en";
import nl from "./nl";
import type { Locale } from "../locales";
import type { MessageTree } from "../translate";

/** Every catalogue has the English shape; nl.ts is type-checked against it. */
export type Catalogue = typeof en;
export const catalogues: Record<Locale, Catalogue & MessageTree> = { en, nl };
