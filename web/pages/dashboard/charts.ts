// Charts drawn on the server with Apache ECharts as SVG: no script, no CDN, readable on a phone
// (the SVG scales to its box) and printable.
import * as echarts from 'echarts';
import { svgStylesToAttributes } from './svg-attributes.ts';

const PALETTE = ['#0f6b5c', '#f5a524', '#b42318', '#175cd3'];

type BarChart = { categories: string[]; series: { name: string; data: (number | null)[] }[]; width?: number; height?: number; percent?: boolean };

// Drawing 50 schools' bars takes ECharts ~50-100 ms; the figures change once a roll-up, so the
// same chart is drawn once and remembered (the most recent few, oldest forgotten first).
const drawn = new Map<string, string>();
const REMEMBERED = 64;

/** Grouped bars: one group per category, one bar per series. */
export function barChartSvg(opts: BarChart): string {
  const key = JSON.stringify(opts);
  const known = drawn.get(key);
  if (known !== undefined) return known;
  const svg = drawBarChart(opts);
  if (drawn.size >= REMEMBERED) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, svg);
  return svg;
}

function drawBarChart(opts: BarChart): string {
  const width = opts.width ?? 720;
  const height = opts.height ?? 300;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: 'Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 60 },
    xAxis: { type: 'category', data: opts.categories, axisLabel: { interval: 0, rotate: opts.categories.length > 4 ? 30 : 0, width: 90, overflow: 'truncate' } },
    yAxis: { type: 'value', ...(opts.percent ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}) },
    series: opts.series.map((s) => ({ type: 'bar', name: s.name, data: s.data, label: { show: opts.categories.length <= 8, position: 'top' } })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  // Width and height go; the viewBox stays, so CSS sizes the chart to its container.
  return svgStylesToAttributes(svg.replace(/^<svg width="\d+" height="\d+"/, '<svg class="chart" role="img"'));
}
