import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNps } from '../format/numbers.js';
import { periodLabel } from '../format/period-key.js';
import { isDark } from '../state/theme.js';
import type { TrendChartProps } from './TrendChart.js';

const HEIGHT = 260;

function palette() {
  const dark = isDark();
  return {
    line: dark ? '#7cc4ff' : '#0b5cad',
    band: dark ? 'rgba(124, 196, 255, 0.22)' : 'rgba(11, 92, 173, 0.16)',
    goal: dark ? '#ffd166' : '#8a5a00',
    real: dark ? '#ff8a80' : '#b3261e',
    axis: dark ? '#c9d1d9' : '#3b4351',
    grid: dark ? 'rgba(201, 209, 217, 0.15)' : 'rgba(59, 67, 81, 0.12)',
  };
}

/**
 * Draws the trend into `element` and keeps it as wide as its container. Returns a disposer.
 * Series: NPS, interval low/high (filled between as a band), the goal line, and the points whose
 * change from the previous period is real (larger than the noise).
 */
export function drawTrend(element: HTMLElement, props: TrendChartProps): () => void {
  const colours = palette();
  const xs = props.points.map((point) => point.start.getTime() / 1000);
  const nps = props.points.map((point) => point.row.nps);
  const low = props.points.map((point) => point.row.ci95?.[0] ?? null);
  const high = props.points.map((point) => point.row.ci95?.[1] ?? null);
  const goal = props.points.map(() => props.goal ?? null);
  const real = props.points.map((point) => (point.change?.significant ? point.row.nps : null));
  const keys = props.points.map((point) => point.key);
  const options: uPlot.Options = {
    width: Math.max(280, element.clientWidth),
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: [-100, 100] } },
    axes: [
      {
        stroke: colours.axis,
        grid: { stroke: colours.grid },
        values: (_u, splits) =>
          splits.map((split) => {
            const index = xs.indexOf(split);
            return index >= 0 ? periodLabel(keys[index] ?? '', props.grain) : '';
          }),
        splits: () => xs,
      },
      {
        stroke: colours.axis,
        grid: { stroke: colours.grid },
        values: (_u, splits) => splits.map((split) => formatNps(split)),
        size: 56,
      },
    ],
    series: [
      {},
      { label: 'NPS', stroke: colours.line, width: 2, points: { show: true, size: 6 } },
      { label: 'low', stroke: 'transparent', points: { show: false } },
      { label: 'high', stroke: 'transparent', points: { show: false } },
      { label: 'goal', stroke: colours.goal, width: 2, dash: [6, 4], points: { show: false } },
      {
        label: 'real change',
        stroke: colours.real,
        paths: () => null,
        points: { show: true, size: 12, width: 3, stroke: colours.real, fill: colours.real },
      },
    ],
    bands: [{ series: [3, 2], fill: colours.band }],
  };
  const chart = new uPlot(options, [xs, nps, low, high, goal, real] as uPlot.AlignedData, element);
  // The canvas is decoration: the container has role="img" with a label, the table has the data.
  chart.root.setAttribute('aria-hidden', 'true');
  const resize = new ResizeObserver(() => {
    chart.setSize({ width: Math.max(280, element.clientWidth), height: HEIGHT });
  });
  resize.observe(element);
  return () => {
    resize.disconnect();
    chart.destroy();
  };
}
