"use client";

import { useId, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { formatNumberInput, numberProblemText, readNumberField, type NumberLimits } from "@/lib/i18n/number";
import { inputClass } from "./Field";
import { cx } from "./cx";

type Props = NumberLimits &
  Omit<React.InputHTMLAttributes<HTMLInputElement>, "type" | "value" | "defaultValue" | "onChange" | "min" | "max" | "step"> & {
    label: string;
    /** The number shown; null for none (empty, or what the reader typed does not parse). */
    value: number | null;
    /** Called on every keystroke with the number typed, or null while the text is not a valid number within the limits. */
    onValueChange: (value: number | null) => void;
    /** A problem the server found (already worded); the field's own parse problem wins. */
    error?: string;
    hint?: string;
    /** A unit shown inside the field's right edge ("%", "€"). */
    suffix?: string;
    /** "stacked": label above (forms); "inline": label and field on one line (a sentence such as the what-if). */
    layout?: "stacked" | "inline";
    /** Classes for the field's box (its width: "w-28"). */
    inputClassName?: string;
  };

/**
 * The one numeric input: text with a decimal keyboard (`type="text" inputMode="decimal"`) that reads
 * numbers the reader's way ("3,5" in Dutch, "3.5" in English; lib/i18n/number.ts), shows its value in
 * the reader's format when the field is left, and says beside the field what is wrong (not a number,
 * below `min`, too many decimals) once the reader has left it. A browser's type="number" is avoided on
 * purpose: it drops "3,5" or reads it as 35 depending on the browser's language, not the page's.
 */
export function NumberInput({
  label,
  value,
  onValueChange,
  error,
  hint,
  suffix,
  layout = "stacked",
  inputClassName,
  className,
  min,
  max,
  integer,
  maxDecimals,
  required,
  onBlur,
  ...input
}: Props) {
  const { t, locale } = useI18n();
  const id = useId();
  const limits = { min, max, integer, maxDecimals };
  const [text, setText] = useState(() => formatNumberInput(value, locale));
  // The value this text stands for; when the parent sets another one (a reset), the text follows it.
  const [shown, setShown] = useState<number | null>(value);
  const [touched, setTouched] = useState(false);
  if (value !== shown && !(value !== null && shown !== null && Object.is(value, shown))) {
    setShown(value);
    setText(formatNumberInput(value, locale));
  }

  const read = text.trim() === "" && !required ? null : readNumberField(text, locale, limits);
  const problem = read && !read.ok && touched ? numberProblemText(t, read.problem, locale) : undefined;
  const shownError = problem ?? error;
  const errorId = shownError ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;

  const field = (
    // The width goes on the wrapper: the input itself is w-full (inputClass), so a width class on it would fight that one.
    <span className={cx("relative", layout === "inline" ? "inline-block" : "block", layout === "stacked" && "mt-1.5", inputClassName)}>
      <input
        id={id}
        type="text"
        inputMode={integer ? "numeric" : "decimal"}
        autoComplete="off"
        spellCheck={false}
        required={required}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        className={cx(inputClass, "tabular-nums", suffix && "pr-8")}
        value={text}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const r = next.trim() === "" && !required ? null : readNumberField(next, locale, limits);
          const v = r && r.ok ? r.value : null;
          setShown(v);
          onValueChange(v);
        }}
        onBlur={(e) => {
          setTouched(true);
          if (read?.ok) setText(formatNumberInput(read.value, locale));
          onBlur?.(e);
        }}
        {...input}
      />
      {suffix ? (
        <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-2.5 flex items-center text-sm text-slate-500">
          {suffix}
        </span>
      ) : null}
    </span>
  );

  const message = shownError ? (
    <p id={errorId} className="mt-1.5 text-sm text-red-600" data-testid={input.name ? `error-${input.name}` : undefined}>
      {shownError}
    </p>
  ) : hint ? (
    <p id={hintId} className="mt-1.5 text-sm text-slate-500">
      {hint}
    </p>
  ) : null;

  if (layout === "inline")
    return (
      <div className={className}>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={id} className="text-sm text-slate-700">
            {label}
          </label>
          {field}
        </div>
        {message}
      </div>
    );
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {field}
      {message}
    </div>
  );
}
