"use client";

import { useSearchParams } from "next/navigation";
import { useI18n } from "@/components/i18n/I18nProvider";
import { buttonClass } from "@/components/ui/Button";

/** Downloads the report on screen as a PDF: the page's own range and filters go along (they live in its URL). */
export function PdfButton({
  projectId,
  report,
  funnelId,
}: {
  projectId: string;
  report: "funnel" | "conversions";
  funnelId?: string | null;
}) {
  const { t } = useI18n();
  const search = useSearchParams();
  if (report === "funnel" && !funnelId) return null;
  const params = new URLSearchParams(search.toString());
  params.delete("funnel");
  params.set("report", report);
  if (report === "funnel" && funnelId) params.set("funnel", search.get("funnel") ?? funnelId);
  return (
    <div className="mb-3 flex justify-end">
      <a
        href={`/api/v1/projects/${projectId}/pdf?${params.toString()}`}
        download
        className={buttonClass("secondary", "sm")}
        data-testid="pdf-download"
      >
        {t("digests.pdf.download")}
      </a>
    </div>
  );
}
