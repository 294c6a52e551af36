"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { Table, THead, TBody, Th, Tr, RowHeader, Td } from "@/components/ui/Table";
import { buttonClass } from "@/components/ui/Button";

export type AudienceRow = { personId: string; entrySource: string | null; entryTime: string; lastSeen: string | null };

/**
 * The people of a drop-off audience, each with a link to their page (what is kept about them) and,
 * for admins, straight to its delete form. The first `rows` of `total`; the CSV has everyone.
 */
export function AudiencePeople({
  projectId,
  stepLabel,
  step,
  total,
  rows,
  downloadHref,
  backHref,
  selfHref,
  canDelete,
}: {
  projectId: string;
  stepLabel: string;
  step: number;
  total: number;
  rows: AudienceRow[];
  downloadHref: string;
  backHref: string;
  selfHref: string;
  canDelete: boolean;
}) {
  const { t, f } = useI18n();
  const personHref = (id: string, anchor = "") =>
    `/projects/${projectId}/persons?${new URLSearchParams({ id, back: selfHref }).toString()}${anchor}`;
  return (
    <div className="min-w-0 space-y-5">
      <Link href={backHref} className="inline-block text-sm font-medium text-brand-700 hover:underline">
        ← {t("persons.audience.back")}
      </Link>
      <Card>
        <CardHeader
          title={t("persons.audience.title", { step: stepLabel })}
          description={t("persons.audience.body", { n: step })}
          actions={
            total > 0 ? (
              <a href={downloadHref} download className={buttonClass("secondary", "sm")} data-testid="audience-download">
                {t("persons.audience.download")}
              </a>
            ) : null
          }
        />
        <div className="px-4 pb-4">
          {total === 0 ? (
            <div className="pt-4">
              <EmptyState title={t("persons.audience.emptyTitle")} body={t("persons.audience.emptyBody")} testId="audience-empty" />
            </div>
          ) : (
            <>
              <p className="pt-3 text-sm text-slate-600" data-testid="audience-size">
                {t("persons.audience.people", { count: total })}
                {rows.length < total ? ` · ${t("persons.audience.showing", { shown: f.number(rows.length), total: f.number(total) })}` : ""}
              </p>
              <Table label={t("persons.audience.title", { step: stepLabel })} testId="audience-people">
                <THead>
                  <Th>{t("persons.audience.person")}</Th>
                  <Th>{t("persons.audience.entrySource")}</Th>
                  <Th>{t("persons.audience.entryTime")}</Th>
                  <Th>{t("persons.audience.lastSeen")}</Th>
                  {/* Visible text: an sr-only span is positioned absolutely and, in a scrolled table, widened the page. */}
                  <Th className="text-right">{t("persons.audience.actions")}</Th>
                </THead>
                <TBody>
                  {rows.map((r) => (
                    <Tr key={r.personId} data-testid="audience-row">
                      <RowHeader className="min-w-36 max-w-72 break-all">
                        <Link href={personHref(r.personId)} className="text-brand-700 hover:underline">
                          {r.personId}
                        </Link>
                      </RowHeader>
                      <Td>{r.entrySource ?? t("persons.audience.none")}</Td>
                      <Td className="whitespace-nowrap">{f.dateTime(r.entryTime)}</Td>
                      <Td className="whitespace-nowrap">{r.lastSeen ? f.dateTime(r.lastSeen) : "–"}</Td>
                      <Td className="whitespace-nowrap text-right">
                        <Link
                          href={personHref(r.personId)}
                          aria-label={t("persons.audience.viewLabel", { id: r.personId })}
                          className={buttonClass("ghost", "sm")}
                        >
                          {t("persons.audience.view")}
                        </Link>
                        {canDelete ? (
                          <Link
                            href={personHref(r.personId, "#delete")}
                            aria-label={t("persons.audience.deleteLabel", { id: r.personId })}
                            className={buttonClass("ghost", "sm", "text-red-700 hover:bg-red-50")}
                            data-testid="audience-delete"
                          >
                            {t("persons.audience.delete")}
                          </Link>
                        ) : null}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </>
          )}
        </div>
      </Card>
    </div>
  );
}
