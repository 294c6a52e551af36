import type { Locale } from "../i18n/locales";
import { LOCALES } from "../i18n/locales";
import type { Localized, SectorTemplate } from "./types";

/** `value` in `locale` when it is one of the template's texts in any language (as the template wrote it), else `value` unchanged. */
function relocalize(value: string, texts: Localized[], locale: Locale): string {
  const trimmed = value.trim();
  for (const text of texts) if (LOCALES.some((l) => text[l] === trimmed)) return text[locale];
  return value;
}

type Named = { funnelName: string; steps: { label?: string }[]; goals: { key: string; name: string }[] };

/**
 * A draft's funnel name, step labels and goal names in `locale` where they are still the
 * template's own words (in any language); what the person typed stays as typed. So a project is
 * created in the language of the person who creates it, even when they switched language after
 * picking the sector.
 */
export function localizeTemplateNames<D extends Named>(draft: D, template: SectorTemplate, locale: Locale): D {
  const labels = template.funnel.steps.map((s) => s.label);
  return {
    ...draft,
    funnelName: relocalize(draft.funnelName, [template.funnel.name], locale),
    steps: draft.steps.map((s) => (s.label ? { ...s, label: relocalize(s.label, labels, locale) } : s)),
    goals: draft.goals.map((g) => {
      const own = template.goals.find((t) => t.key === g.key);
      return own ? { ...g, name: relocalize(g.name, [own.name], locale) } : g;
    }),
  };
}
