"use client";

import { useEffect, useRef } from "react";
import { Chart as ChartJS, type ChartConfiguration, type ChartType, type Plugin } from "chart.js";

/**
 * Writes the tick labels each axis drew onto the chart's wrapper (`data-ticks-x`, `data-ticks-y`, …
 * as JSON), after every layout: what a reader sees on the axes, for the tests and for debugging,
 * without reaching into Chart.js.
 */
const tickRecorder: Plugin = {
  id: "tickRecorder",
  afterLayout(chart) {
    const wrapper = chart.canvas.parentElement;
    if (!wrapper) return;
    for (const [id, scale] of Object.entries(chart.scales)) {
      const labels = scale.ticks.map((t) => (Array.isArray(t.label) ? t.label.join(" ") : String(t.label ?? "")));
      wrapper.dataset[`ticks${id[0].toUpperCase()}${id.slice(1)}`] = JSON.stringify(labels);
    }
  },
};

/**
 * The one Chart.js wrapper: it creates the chart once, updates data and options in place on
 * every render (so filters animate instead of flashing), and destroys it on unmount. Feature
 * charts register the Chart.js parts they use and pass a config. `description` is the chart's
 * content in words (a list or table), read by screen readers instead of the canvas.
 */
export function Chart<T extends ChartType>({
  config,
  label,
  height = 320,
  testId,
  description,
}: {
  config: ChartConfiguration<T>;
  label: string;
  height?: number;
  testId?: string;
  description?: React.ReactNode;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartJS<T> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    if (!chart.current) {
      chart.current = new ChartJS(canvas.current, { ...config, plugins: [...(config.plugins ?? []), tickRecorder as Plugin<T>] });
    } else {
      chart.current.data = config.data;
      if (config.options) chart.current.options = config.options;
      chart.current.update();
    }
  }, [config]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return (
    <div className="relative w-full" style={{ height }} data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={label} />
      {description ? <div className="sr-only">{description}</div> : null}
    </div>
  );
}
