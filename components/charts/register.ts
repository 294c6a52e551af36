import {
  Chart,
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  LineController,
  LineElement,
  PointElement,
  Filler,
} from "chart.js";

// Only the parts the dashboards draw: bars (drop-off, segments) and lines (trend).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, LineController, LineElement, PointElement, Filler);

/**
 * Chart colours. Bars, lines and points are graphics a reader needs, so each reaches 3:1 against the
 * white card (WCAG 1.4.11; measured: brand 7.0, the drop bars' edge 3.6, the series 3.8–7.9); text is slate-600 (7.6).
 */
export const COLORS = {
  brand: "#2546dc",
  brandLight: "#5a86fb",
  /** the entered-visitors bars behind the trend line: context, not data to read against the line */
  context: "#c7d6fb",
  /** dropped-off bars: a light fill (the percentages drawn on it stay readable) inside an edge that reaches 3:1 */
  drop: "#fdba74",
  dropEdge: "#ea580c",
  grid: "#e2e8f0",
  /** the previous period's series (slate-500, 4.8:1 on white) */
  previous: "#64748b",
  text: "#475569",
  series: ["#2546dc", "#ea580c", "#059669", "#7e22ce", "#0369a1", "#be123c", "#4d7c0f", "#b45309", "#a21caf", "#0f766e", "#64748b"],
};
