"use client";

import { useState, useTransition } from "react";
import { deletePersonAction } from "@/app/(app)/projects/[projectId]/persons/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { actionErrorText } from "@/lib/action-result";
import type { PersonErasure } from "@/lib/privacy/types";

/**
 * Deleting a person, with the id typed again as confirmation (the button stays disabled until it
 * matches), below `children` (what is kept about them). After the deletion that view goes and the
 * card says what went, per kind, and offers the way back.
 */
export function DeletePersonForm({
  projectId,
  personId,
  backHref,
  children,
}: {
  projectId: string;
  personId: string;
  backHref: string | null;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<PersonErasure | null>(null);
  const [pending, start] = useTransition();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined);
    start(async () => {
      const result = await deletePersonAction(projectId, personId, typed);
      if (!result.ok) {
        if (result.error.fieldErrors?.confirmation) return setError(t("persons.delete.errors.confirmation"));
        return setError(actionErrorText(t, "persons.delete", result.error));
      }
      setDone(result.data!);
    });
  };

  if (done) {
    const c = done.counts;
    const summary = [
      t("persons.delete.events", { count: c.events }),
      t("persons.delete.devices", { count: c.devices }),
      t("persons.delete.identityLinks", { count: c.identityLinks }),
      t("persons.delete.persons", { count: c.persons }),
      t("persons.delete.funnelFacts", { count: c.funnelFacts }),
    ].join(", ");
    return (
      <Card>
        <div role="status" className="space-y-3 p-5 text-sm" data-testid="person-deleted">
          <p className="text-emerald-800">{t("persons.delete.done", { id: done.personId, summary })}</p>
          {backHref ? (
            <a href={backHref} className="inline-block font-medium text-brand-700 hover:underline">
              {t("persons.person.back")}
            </a>
          ) : null}
        </div>
      </Card>
    );
  }

  return (
    <>
      {children}
      <Card className="ring-red-200" id="delete">
        <CardHeader title={t("persons.delete.title")} description={t("persons.delete.body")} />
        <form onSubmit={submit} className="flex flex-wrap items-start gap-3 p-5" noValidate>
          <TextField
            name="confirmation"
            label={t("persons.delete.confirmLabel", { id: personId })}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            error={error}
            className="min-w-0 flex-1 basis-64"
            data-testid="delete-person-confirm"
          />
          <Button type="submit" variant="danger" className="mt-7" disabled={pending || typed !== personId} data-testid="delete-person">
            {pending ? t("persons.delete.deleting") : t("persons.delete.button")}
          </Button>
        </form>
      </Card>
    </>
  );
}
