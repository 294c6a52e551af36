"use client";

import { useEffect, useRef } from "react";
import { Chart as ChartJS, type ChartConfiguration, type ChartType } from "chart.js";

/**
 * The one Chart.js wrapper: it creates the chart once, updates data and options in place on
 * every render (so filters animate instead of flashing), and destroys it on unmount. Feature
 * charts register the Chart.js parts they use and pass a config.
 */
export function Chart<T extends ChartType>({
  config,
  label,
  height = 320,
  testId,
}: {
  config: ChartConfiguration<T>;
  label: string;
  height?: number;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartJS<T> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    if (!chart.current) {
      chart.current = new ChartJS(canvas.current, config);
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
    </div>
  );
}
