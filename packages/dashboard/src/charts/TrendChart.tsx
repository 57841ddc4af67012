import { useEffect, useRef, useState } from 'preact/hooks';
import type { TrendPoint } from './trend-data.js';

/** Options the uPlot drawing needs (kept plain so the chart module stays lazy). */
export interface TrendChartProps {
  points: readonly TrendPoint[];
  goal?: number | undefined;
  /** Accessible name of the chart; the table next to it carries the numbers. */
  label: string;
  grain: 'day' | 'week' | 'month';
}

type Draw = typeof import('./uplot-trend.js');
let loading: Promise<Draw> | undefined;

/** Starts loading uPlot while the panel's numbers are still on their way (no waterfall). */
export function preloadTrendChart(): void {
  loading ??= import('./uplot-trend.js');
  loading.catch(() => {});
}

/**
 * NPS by period with its 95 % interval as a band and the program goal as a line, drawn by uPlot.
 * uPlot is loaded on first use, so it is not part of the initial JavaScript.
 */
export function TrendChart(props: TrendChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let dispose: (() => void) | undefined;
    let cancelled = false;
    loading ??= import('./uplot-trend.js');
    loading.then(
      (module) => {
        if (!cancelled) dispose = module.drawTrend(element, props);
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [props.points, props.goal, props.grain]);
  if (failed) return null;
  return <div class="chart" ref={host} role="img" aria-label={props.label} />;
}
