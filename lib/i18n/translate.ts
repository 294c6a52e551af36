import type { Locale } from "./locales";
import { intlTag } from "./locales";
import type en from "./messages/en";

/**
 * A text whose words depend on a count: the CLDR plural categories of `Intl.PluralRules` (English
 * and Dutch use `one` and `other`), plus an optional `zero` for an exact 0 ("no conversions yet").
 */
export type PluralMessage = { zero?: string; one?: string; other: string };
export type MessageTree = { [key: string]: string | PluralMessage | MessageTree };
export type Values = Record<string, string | number>;

/**
 * The dotted paths to the texts of a catalogue tree: `{ a: { b: "x" } }` gives `"a.b"`. An object with
 * an `other` text and no keys but `zero`, `one` and `other` is a plural message: its path is a key, its forms are not.
 */
type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : IsPlural<T[K]> extends true ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];
type IsPlural<N> = N extends { other: string } ? ([Exclude<keyof N, keyof PluralMessage>] extends [never] ? true : false) : false;

/** Every key of the English catalogue (the Dutch one is typed to have the same shape), so a mistyped key is a type error. */
export type MessageKey = Paths<typeof en>;

export type Translate = {
  /** The text of `key`; for a plural message pass `count` in `values` (it picks the form and fills `{count}`). */
  (key: MessageKey, values?: Values): string;
  /** Whether the catalogue has `key`: for keys built from data at run time (an action's error code, a field name). */
  has(key: string): key is MessageKey;
};

const PLURAL_FORMS = new Set(["zero", "one", "other"]);
function isPlural(node: unknown): node is PluralMessage {
  return (
    typeof node === "object" &&
    node !== null &&
    typeof (node as PluralMessage).other === "string" &&
    Object.keys(node).every((k) => PLURAL_FORMS.has(k))
  );
}

function lookup(tree: MessageTree, key: string): string | PluralMessage | undefined {
  let node: string | PluralMessage | MessageTree | undefined = tree;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || isPlural(node)) return undefined;
    node = (node as MessageTree)[part];
  }
  return typeof node === "string" || isPlural(node) ? node : undefined;
}

/** A translate function over one catalogue; `{name}` placeholders are filled, numbers formatted for the locale. */
export function makeTranslate(messages: MessageTree, locale: Locale): Translate {
  const nf = new Intl.NumberFormat(intlTag(locale));
  const plural = new Intl.PluralRules(intlTag(locale));
  const t = (key: MessageKey, values?: Values) => {
    const found = lookup(messages, key);
    if (found === undefined) return key;
    let template: string;
    if (typeof found === "string") template = found;
    else {
      const count = Number(values?.count);
      const form = Number.isFinite(count) ? plural.select(count) : "other";
      template = (count === 0 ? found.zero : undefined) ?? (form === "one" ? found.one : undefined) ?? found.other;
    }
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
