import type { Locale } from "./locales";
import { intlTag } from "./locales";
import type en from "./messages/en";

export type MessageTree = { [key: string]: string | MessageTree };
export type Values = Record<string, string | number>;

/** The dotted paths to the strings of a catalogue tree: `{ a: { b: "x" } }` gives `"a.b"`. */
type Paths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}` }[keyof T & string];

/** Every key of the English catalogue (the Dutch one is typed to have the same shape), so a mistyped key is a type error. */
export type MessageKey = Paths<typeof en>;

export type Translate = {
  (key: MessageKey, values?: Values): string;
  /** Whether the catalogue has `key`: for keys built from data at run time (an action's error code, a field name). */
  has(key: string): key is MessageKey;
};

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
  const t = (key: MessageKey, values?: Values) => {
    const template = lookup(messages, key);
    if (template === undefined) return key;
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = values[name];
      if (v === undefined) return whole;
      return typeof v === "number" ? nf.format(v) : v;
    });
  };
  const has = (key: string): key is MessageKey => lookup(messages, key) !== undefined;
  return Object.assign(t, { has });
}
