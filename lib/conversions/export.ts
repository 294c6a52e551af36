import { toCsv as toCsvIn, fileSlug, CSV_STANDARD, type CsvCell, type CsvDialect } from "./csv";
import { InputError } from "../errors";
import type { ConversionsOverview } from "./types";
import { SEGMENT_FIELDS, type SegmentField } from "../funnel/types";

export const CSV_TABLES = ["goals", "segment", "daily", "stages"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** A CSV download asked for a table (or segment field) the overview does not have: a 400. */
class CsvRequestError extends InputError {}

const pct = (r: number | null | undefined) => (r === null || r === undefined ? null : Math.round(r * 1e6) / 1e4);
const money = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);

/**
 * One table of the overview as CSV (`table=goals|segment|daily|stages`; a segment table also needs
 * `field`). Rates are percentages (2.63 is 2.63 %), money has two decimals, no thousands separators:
 * figures a spreadsheet reads as numbers. The dialect is the reader's (csvDialect): a Dutch reader
 * gets `;` and "2,63", so the file opens in Dutch Excel as columns of numbers.
 */
export function overviewCsv(
  o: ConversionsOverview,
  params: URLSearchParams,
  projectName: string,
  dialect: CsvDialect = CSV_STANDARD,
): { filename: string; body: string } {
  const toCsv = (header: string[], rows: CsvCell[][]) => toCsvIn(header, rows, dialect);
  const table = params.get("table") ?? "goals";
  const range = `${o.range.from.slice(0, 10)}_${o.range.to.slice(0, 10)}`;
  const name = (what: string) => `${fileSlug(projectName)}-${what}-${range}.csv`;
  switch (table as CsvTable) {
    case "goals":
      return {
        filename: name("goals"),
        body: toCsv(
          [
            "goal",
            "kind",
            "visitors",
            "converted_visitors",
            "conversions",
            "conversion_rate_pct",
            "ci95_low_pct",
            "ci95_high_pct",
            "previous_visitors",
            "previous_converted",
            "previous_rate_pct",
            "change_pct",
            "revenue",
            "average_order_value",
            "revenue_per_visitor",
          ],
          o.goals.map((g) => [
            g.name,
            g.kind,
            o.visitors,
            g.converted,
            g.conversions,
            pct(g.rate.rate),
            pct(g.rate.low),
            pct(g.rate.high),
            g.previous.visitors,
            g.previous.converted,
            pct(g.previous.rate),
            pct(g.change),
            money(g.revenue?.total),
            money(g.revenue?.averageOrderValue),
            money(g.revenue?.perVisitor),
          ]),
        ),
      };
    case "segment": {
      const field = params.get("field") as SegmentField | null;
      const rows = field ? o.segments[field] : undefined;
      if (!field || !rows)
        throw new CsvRequestError(`A segment table needs field=<one of ${SEGMENT_FIELDS.join(", ")}> and segment=<the same field>.`);
      // Cost columns only where spend can be attributed (source, medium, campaign) and there was some.
      const costs = o.spend && rows.some((r) => r.costs);
      return {
        filename: name(`by-${fileSlug(field)}`),
        body: toCsv(
          [
            field,
            "visitors",
            ...o.goals.flatMap((g) => [
              `${g.key}_converted`,
              `${g.key}_conversions`,
              `${g.key}_rate_pct`,
              `${g.key}_ci95_low_pct`,
              `${g.key}_ci95_high_pct`,
            ]),
            "too_few_visitors",
            ...(costs
              ? [
                  "ad_spend",
                  "cost_per_visitor",
                  `cost_per_lead_${o.spend!.leadGoalKey ?? "none"}`,
                  `cost_per_acquisition_${o.spend!.acquisitionGoalKey ?? "none"}`,
                  "roas",
                ]
              : []),
          ],
          rows.map((r) => [
            r.value,
            r.visitors,
            ...r.goals.flatMap((g) => [g.converted, g.conversions, pct(g.rate.rate), pct(g.rate.low), pct(g.rate.high)]),
            r.small ? "yes" : "no",
            ...(costs
              ? [
                  money(r.costs?.spend),
                  money(r.costs?.costPerVisitor),
                  money(r.costs?.costPerLead),
                  money(r.costs?.costPerAcquisition),
                  r.costs?.roas == null ? null : Math.round(r.costs.roas * 100) / 100,
                ]
              : []),
          ]),
        ),
      };
    }
    case "daily": {
      const days = o.goals[0]?.daily ?? [];
      return {
        filename: name("daily"),
        body: toCsv(
          ["day", "visitors", ...o.goals.flatMap((g) => [`${g.key}_converted`, `${g.key}_rate_pct`])],
          days.map((d, i) => [d.day, d.visitors, ...o.goals.flatMap((g) => [g.daily[i].converted, pct(g.daily[i].rate)])]),
        ),
      };
    }
    case "stages":
      return {
        filename: name("stages"),
        body: toCsv(
          ["stage", "stage_visitors", "kpi", "unit", "value"],
          o.stages.flatMap((s) =>
            (s.kpis.length ? s.kpis : [null]).map((k) => [
              s.stage,
              s.visitors,
              k?.id ?? null,
              k?.unit ?? null,
              k ? (k.unit === "rate" ? pct(k.value) : k.unit === "money" ? money(k.value) : k.value) : null,
            ]),
          ),
        ),
      };
  }
  throw new CsvRequestError(`table must be one of ${CSV_TABLES.join(", ")}.`);
}
