"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { describeShareTerms, type ShareLock } from "@/lib/share-lock";

/**
 * What a shared report is locked to, under its title: the link's period with its dates, each locked
 * filter, the breakdown and the comparison, so a client never reads mobile-only numbers as all traffic.
 */
export function ShareSubtitle({ lock }: { lock: ShareLock }) {
  const { t, f } = useI18n();
  const d = describeShareTerms(t, f, lock, { first: lock.first, last: lock.last });
  const parts = [
    { key: "period", text: d.period },
    ...d.filters.map((text, i) => ({ key: `filter-${i}`, text })),
    ...(d.breakdown ? [{ key: "breakdown", text: d.breakdown }] : []),
    ...(d.compare ? [{ key: "compare", text: d.compare }] : []),
  ];
  return (
    <div className="mt-2">
      <h2 className="sr-only">{t("share.subtitle")}</h2>
      <ul className="flex flex-wrap gap-2" data-testid="share-subtitle">
        {parts.map((p) => (
          <li
            key={p.key}
            data-testid={`share-lock-${p.key.replace(/-\d+$/, "")}`}
            className="rounded-full bg-white px-3 py-1 text-sm text-slate-700 ring-1 ring-inset ring-slate-300"
          >
            {p.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
