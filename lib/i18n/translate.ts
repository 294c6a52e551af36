import type { Locale } from "./locales";
import { intlTag } from "./locales";

export type MessageTree = { [key: string]: string | MessageTree };
export type Values = Record<string, string | number>;
export type Translate = (key: string, values?: Values) => string;

function lookup(tree: MessageTree, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** A translate function over one catalogue; `{name}` placeholders are filled, numbers formatted for the locale. */
export function makeTranslate(messages: MessageTree, locale: Locale): Translate {
  const nf = new Intl.NumberFormat(intlTag(locale));
  return (key, values) => {
    const template = lookup(messages, key);
    if (template === undefined) return key;
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = values[name];
      if (v === undefined) return whole;
      return typeof v === "number" ? nf.format(v) : v;
    });
  };
}
