import type { Chart, ChartType, Plugin } from "chart.js";
import { annotationSpan, type Annotation } from "@/lib/annotations/types";

/** An annotation placed on a chart: the first and last category index it covers, and its number in the list under the chart. */
export type AnnotationMark = { start: number; end: number; number: number; note: string; from: string; to: string };

/** The days a period of this unit lasts, for the chart's last period (the others end where the next begins). */
const LAST_PERIOD_DAYS = { day: 1, week: 7, month: 31 } as const;

/** The annotations that fall on a chart whose categories start on these days, numbered 1, 2, … in date order. */
export function annotationMarks(periods: string[], unit: keyof typeof LAST_PERIOD_DAYS, annotations: Annotation[]): AnnotationMark[] {
  const out: AnnotationMark[] = [];
  for (const a of annotations) {
    const span = annotationSpan(periods, a, LAST_PERIOD_DAYS[unit]);
    if (span) out.push({ ...span, number: out.length + 1, note: a.note, from: a.from, to: a.to });
  }
  return out;
}

declare module "chart.js" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    trechterAnnotations?: { marks?: AnnotationMark[]; badges?: boolean };
  }
}

/** The plugin typed for a chart of type T (one object serves every chart). */
export const annotationsPluginFor = <T extends ChartType>() => annotationsPlugin as unknown as Plugin<T>;

export const ANNOTATION_COLOUR = "#7e22ce";

/**
 * Draws annotations on a category x axis: a range as a light band, a single day as a dashed line,
 * each with its number in a small badge at the top (the list under the chart gives the notes), so
 * colour is never the only sign. Options: `plugins.trechterAnnotations: { marks, badges }`. After
 * drawing, the numbers it drew are written to the wrapper's `data-annotations` (for tests, as the
 * tick recorder does for the axes).
 */
export const annotationsPlugin: Plugin = {
  id: "trechterAnnotations",
  beforeDatasetsDraw(chart: Chart, _args, options: { marks?: AnnotationMark[]; badges?: boolean }) {
    const marks = options?.marks ?? [];
    const x = chart.scales.x;
    const area = chart.chartArea;
    const count = chart.data.labels?.length ?? 0;
    const drawn: number[] = [];
    if (x && count && marks.length) {
      const step = count > 1 ? Math.abs(x.getPixelForValue(1) - x.getPixelForValue(0)) : area.right - area.left;
      const ctx = chart.ctx;
      ctx.save();
      for (const m of marks) {
        const left = Math.max(area.left, x.getPixelForValue(m.start) - step / 2);
        const right = Math.min(area.right, x.getPixelForValue(m.end) + step / 2);
        const single = m.from === m.to;
        if (single) {
          const at = x.getPixelForValue(m.start);
          ctx.strokeStyle = ANNOTATION_COLOUR;
          ctx.lineWidth = 1.5;
          ctx.setLineDash([4, 3]);
          ctx.beginPath();
          ctx.moveTo(at, area.top);
          ctx.lineTo(at, area.bottom);
          ctx.stroke();
          ctx.setLineDash([]);
        } else {
          ctx.fillStyle = "rgba(126, 34, 206, 0.10)";
          ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
          ctx.strokeStyle = ANNOTATION_COLOUR;
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(left, area.top);
          ctx.lineTo(left, area.bottom);
          ctx.moveTo(right, area.top);
          ctx.lineTo(right, area.bottom);
          ctx.stroke();
        }
        if (options.badges !== false) {
          const cx = single ? x.getPixelForValue(m.start) : (left + right) / 2;
          const label = String(m.number);
          ctx.font = "600 10px system-ui, sans-serif";
          const w = Math.max(14, ctx.measureText(label).width + 8);
          ctx.fillStyle = ANNOTATION_COLOUR;
          ctx.beginPath();
          ctx.roundRect(cx - w / 2, area.top, w, 14, 7);
          ctx.fill();
          ctx.fillStyle = "#ffffff";
          ctx.textAlign = "center";
          ctx.textBaseline = "middle";
          ctx.fillText(label, cx, area.top + 7.5);
        }
        drawn.push(m.number);
      }
      ctx.restore();
    }
    const wrapper = chart.canvas.parentElement;
    if (wrapper) wrapper.dataset.annotations = JSON.stringify(drawn);
  },
};
