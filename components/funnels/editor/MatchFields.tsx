"use client";

import { useId } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import type { DraftMatch } from "@/lib/funnel/draft";
import { FieldError } from "./FieldError";

/** The most events one step (or exclusion) offers fields for: "one of several events", not a list of everything. */
const MAX_EVENTS = 10;

/** "Or another event": adds an event field to a step or an exclusion (up to MAX_EVENTS). */
export function AddEventButton({ match, onChange }: { match: DraftMatch; onChange: (patch: Partial<DraftMatch>) => void }) {
  const { t } = useI18n();
  if (match.events.length >= MAX_EVENTS) return null;
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      className="px-2"
      onClick={() => onChange({ events: [...match.events, ""] })}
      data-testid="add-event"
    >
      + {t("funnels.editor.addEvent")}
    </Button>
  );
}

/**
 * What a step or an exclusion matches: one event name or any of several ("or"), suggested from the
 * project's events, and a page path pattern. `base` is its zod path, for the problems beside the fields.
 * AddEventButton adds an event field (placed in the card's row of actions).
 */
export function MatchFields({
  base,
  match,
  onChange,
  errors,
  showPath = true,
}: {
  base: string;
  match: DraftMatch;
  onChange: (patch: Partial<DraftMatch>) => void;
  errors: Record<string, string>;
  showPath?: boolean;
}) {
  const { t } = useI18n();
  const uid = useId();
  const eventError = errors[`${base}.event`];
  const setEvent = (i: number, v: string) => onChange({ events: match.events.map((e, j) => (j === i ? v : e)) });
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <div data-testid={`${base}-events`} data-field={`${base}.event`}>
        {match.events.map((e, i) => (
          <div key={i} className={i ? "mt-1.5" : ""}>
            <label className="block text-xs text-slate-600" htmlFor={`${uid}-e${i}`}>
              {i === 0 ? t("funnels.editor.event") : t("funnels.editor.orEvent")}
            </label>
            <div className="mt-1 flex items-center gap-1">
              <input
                id={`${uid}-e${i}`}
                list="event-suggestions"
                className={`${inputClass} font-mono`}
                value={e}
                aria-label={match.events.length > 1 ? t("funnels.editor.eventN", { n: i + 1 }) : undefined}
                aria-invalid={eventError ? true : undefined}
                aria-describedby={eventError ? `${uid}-ee` : undefined}
                onChange={(ev) => setEvent(i, ev.target.value)}
                data-testid="match-event"
              />
              {match.events.length > 1 ? (
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  className="px-2"
                  aria-label={t("funnels.editor.removeEvent", { event: e || String(i + 1) })}
                  onClick={() => onChange({ events: match.events.filter((_, j) => j !== i) })}
                >
                  ✕
                </Button>
              ) : null}
            </div>
          </div>
        ))}
        <FieldError id={`${uid}-ee`} text={eventError} testId={`${base}-event-error`} />
      </div>
      {showPath ? (
        <div data-field={`${base}.path`}>
          <label className="block text-xs text-slate-600" htmlFor={`${uid}-path`}>
            {t("funnels.editor.path")}
          </label>
          <input
            id={`${uid}-path`}
            list="path-suggestions"
            className={`${inputClass} mt-1 font-mono`}
            value={match.path}
            aria-invalid={errors[`${base}.path`] ? true : undefined}
            aria-describedby={errors[`${base}.path`] ? `${uid}-pe` : undefined}
            onChange={(e) => onChange({ path: e.target.value })}
            data-testid="match-path"
          />
          <FieldError id={`${uid}-pe`} text={errors[`${base}.path`]} testId={`${base}-path-error`} />
        </div>
      ) : null}
    </div>
  );
}
