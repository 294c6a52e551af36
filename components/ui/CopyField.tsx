"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { cx } from "./cx";

/** Read-only text (a key, a snippet, a link; `prose`: a sentence to paste into a document) with a copy button. */
export function CopyField({
  value,
  label,
  multiline = false,
  prose = false,
  testId,
}: {
  value: string;
  label: string;
  multiline?: boolean;
  prose?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      /* clipboard refused: the text stays selectable */
    }
  };
  return (
    <div className="relative">
      {prose ? (
        <p
          aria-label={label}
          data-testid={testId}
          className="rounded-lg bg-slate-50 p-4 pt-10 text-sm leading-6 text-slate-800 ring-1 ring-inset ring-slate-200 sm:pr-24 sm:pt-4"
        >
          {value}
        </p>
      ) : multiline ? (
        <pre
          aria-label={label}
          data-testid={testId}
          className="max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-slate-900 p-4 pr-20 text-xs leading-relaxed text-slate-100"
        >
          <code>{value}</code>
        </pre>
      ) : (
        <input
          aria-label={label}
          data-testid={testId}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full rounded-lg bg-slate-50 px-3 py-2 pr-20 font-mono text-sm text-slate-800 ring-1 ring-inset ring-slate-200"
        />
      )}
      <button
        type="button"
        onClick={copy}
        className={cx(
          "absolute right-2 top-1.5 rounded-md px-2.5 py-1 text-xs font-medium",
          multiline && !prose
            ? "bg-white/10 text-white hover:bg-white/20"
            : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50",
        )}
      >
        {copied ? t("common.copied") : t("common.copy")}
      </button>
    </div>
  );
}
