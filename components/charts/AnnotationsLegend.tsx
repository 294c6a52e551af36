"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { formatPlainDay } from "@/lib/share-lock";
import { ANNOTATION_COLOUR, type AnnotationMark } from "./annotations-plugin";

/** The notes behind a chart's numbered annotation badges, with their days in the reader's format. */
export function AnnotationsLegend({ marks }: { marks: AnnotationMark[] }) {
  const { t, f } = useI18n();
  if (!marks.length) return null;
  return (
    <div className="mt-2" data-testid="chart-annotations">
      <p className="sr-only">{t("dashboards.annotations.onChart")}</p>
      <ol className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {marks.map((m) => (
          <li key={`${m.number}-${m.from}`} className="flex min-w-0 items-center gap-1.5" data-testid="chart-annotation">
            <span
              aria-hidden
              className="inline-flex h-3.5 min-w-3.5 items-center justify-center rounded-full px-1 text-[10px] font-semibold text-white"
              style={{ background: ANNOTATION_COLOUR }}
            >
              {m.number}
            </span>
            <span className="min-w-0 break-words">
              <span className="font-medium text-slate-700">
                {m.from === m.to ? formatPlainDay(f, m.from) : `${formatPlainDay(f, m.from)} – ${formatPlainDay(f, m.to)}`}
              </span>
              : {m.note}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
