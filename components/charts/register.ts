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

export const COLORS = {
  brand: "#2546dc",
  brandLight: "#8bb0ff",
  drop: "#fdba74",
  grid: "#e2e8f0",
  text: "#475569",
  series: ["#2546dc", "#f97316", "#10b981", "#a855f7", "#0ea5e9", "#e11d48", "#84cc16", "#f59e0b", "#6366f1", "#14b8a6", "#94a3b8"],
};
