import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../../tests/db";
import { ownerWithProject } from "../../tests/fixtures";
import { pngStats } from "../../tests/mail-images";
import { inspectPdf as inspect } from "../../tests/pdf-pages";
import fs from "node:fs";
import { insertEvents, type EventInput } from "../../db/events/insert";
import { listFunnels } from "../../db/funnels";
import { zonedMidnight } from "../../lib/funnel/ranges";
import { reportData, type ReportData } from "../digest/data";
import { reportPdf } from "./report";

const TZ = "Europe/Amsterdam";
const PERIOD = { from: zonedMidnight(2026, 11, 1, TZ), to: zonedMidnight(2026, 12, 1, TZ) };

function traffic(): EventInput[] {
  const out: EventInput[] = [];
  let m = 0;
  for (let d = 1; d <= 30; d++)
    for (let v = 0; v < 12; v++) {
      const id = `p-${d}-${v}`;
      let t = zonedMidnight(2026, 11, d, TZ).getTime() + 8 * 3600_000 + v * 60_000;
      const steps: [string, string | null][] = [
        ["pageview", "/"],
        ["pageview", "/product/fiets"],
      ];
      if (v % 2 === 0) steps.push(["add_to_cart", null]);
      if (v % 4 === 0) steps.push(["checkout_started", null], ["purchase", null]);
      for (const [name, p] of steps)
        out.push({
          time: new Date((t += 20_000)),
          name,
          path: p,
          anonymousId: id,
          messageId: `pdf-${m++}`,
          device: d % 2 ? "mobile" : "desktop",
        });
    }
  return out;
}

describeEachDb("report PDF", (db) => {
  let data: ReportData;
  beforeAll(async () => {
    const { scope } = await ownerWithProject(db(), "pdf@example.nl", { name: "Fietsenwinkel" });
    await insertEvents(db(), scope.projectId, traffic());
    const funnel = (await listFunnels(scope))[0];
    data = await reportData(
      scope,
      { report: "funnel", funnelId: funnel.id, filters: { device: ["mobile"] } },
      PERIOD,
      new Date("2026-12-03T10:00:00Z"),
    );
  });

  it("is A4 with the project, period and filters on every page, in the reader's language", async () => {
    for (const locale of ["en", "nl"] as const) {
      const pdf = await reportPdf(data, {
        locale,
        generatedAt: new Date("2026-12-03T10:00:00Z"),
        filterLabels: { device: locale === "nl" ? "Apparaat" : "Device" },
      });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const { pages, pngs } = inspect(pdf, locale);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pngs.length).toBe(pages.length);
      for (const [i, page] of pages.entries()) {
        expect(page).toContain("Fietsenwinkel");
        expect(page).toMatch(locale === "nl" ? /Periode: 1 nov\.? 2026 – 30 nov\.? 2026/ : /Period: 1 Nov 2026 – 30 Nov 2026/);
        expect(page).toContain(locale === "nl" ? "Filters: Apparaat: mobile" : "Filters: Device: mobile");
        expect(page).toContain(locale === "nl" ? `Pagina ${i + 1} van ${pages.length}` : `Page ${i + 1} of ${pages.length}`);
      }
      const all = pages.join("\n");
      // 15 mobile days × 12 visitors = 180 entered, 3 a day bought = 45: 25.00 %.
      expect(all).toContain(locale === "nl" ? "25,00%" : "25.00%");
      expect(all).toContain(locale === "nl" ? "Conversieratio" : "Conversion rate");
      expect(all).toContain(locale === "nl" ? "bezoek → aankoop" : "visit → purchase");
      // A4 at 60 dpi is 497 × 702 pixels (pdftoppm rounds up); the first page carries a chart, so it is far from blank.
      const first = await pngStats(fs.readFileSync(pngs[0]));
      expect(first).toMatchObject({ width: 497, height: 702 });
      expect(first.inked).toBeGreaterThan(0.05);
    }
  });
});
