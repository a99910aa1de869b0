// The report's charts as inline SVG, drawn by Apache ECharts on the server (no browser, no canvas),
// so the printable page is one self-contained file.
import * as echarts from 'echarts';
import type { Lang, Translator } from '../i18n/lang.ts';
import type { AnnualReport } from './build-annual-report.ts';

const STATUS_COLOUR = { green: '#2e7d32', amber: '#ef8f00', red: '#c62828', none: '#9e9e9e' } as const;
const SEVERITY_COLOUR = { violation: '#c62828', warning: '#ef8f00', info: '#1565c0' } as const;

function svg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const shorten = (text: string, max = 18) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Each target's progress towards its goal (ratio, 0–100 %), coloured by its RAG status. */
export function targetsChart(report: AnnualReport, lang: Lang, t: Translator): string | null {
  if (report.targets.length === 0) return null;
  const items = [...report.targets].reverse();
  return svg(
    {
      title: { text: t(lang, 'report.chart.targets'), left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 180, right: 40, top: 40, bottom: 30 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: items.map((p) => shorten(p.title[lang])) },
      series: [
        {
          type: 'bar',
          label: { show: true, position: 'right', formatter: '{c}%' },
          data: items.map((p) => ({
            value: p.ratio === null ? 0 : Math.round(p.ratio * 100),
            itemStyle: { color: STATUS_COLOUR[p.status ?? 'none'] },
          })),
        },
      ],
    },
    720,
    Math.max(160, 60 + items.length * 28),
  );
}

/** Findings open at the report's day, per plugin, stacked by severity. */
export function findingsChart(report: AnnualReport, lang: Lang, t: Translator): string | null {
  const rows = report.findings.rows.filter((r) => r.open > 0);
  if (rows.length === 0) return null;
  const plugins = [...new Set(rows.map((r) => r.pluginId))];
  const label = (id: string) => shorten(rows.find((r) => r.pluginId === id)?.pluginTitle?.[lang] ?? id, 14);
  const severities = (['violation', 'warning', 'info'] as const).filter((s) => rows.some((r) => r.severity === s));
  return svg(
    {
      title: { text: t(lang, 'report.chart.findings'), left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0, data: severities.map((s) => t(lang, `report.severity.${s}`)) },
      grid: { left: 50, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: plugins.map(label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: severities.map((s) => ({
        name: t(lang, `report.severity.${s}`),
        type: 'bar',
        stack: 'open',
        itemStyle: { color: SEVERITY_COLOUR[s] },
        data: plugins.map((id) => rows.find((r) => r.pluginId === id && r.severity === s)?.open ?? 0),
      })),
    },
    720,
    320,
  );
}

/** Per school: the insured and dual-evaluated shares of its internships. */
export function schoolsChart(report: AnnualReport, lang: Lang, t: Translator): string | null {
  const schools = report.schools.filter((s) => s.internships > 0);
  if (schools.length === 0) return null;
  const pct = (x: number) => Math.round(x * 100);
  return svg(
    {
      title: { text: t(lang, 'report.chart.schools'), left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0, data: [t(lang, 'report.school.insuredRatio'), t(lang, 'report.school.dualEvaluatedRatio')] },
      grid: { left: 50, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: schools.map((s) => shorten(s.name, 10)) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t(lang, 'report.school.insuredRatio'), type: 'bar', data: schools.map((s) => pct(s.insuredRatio)), itemStyle: { color: '#1565c0' } },
        { name: t(lang, 'report.school.dualEvaluatedRatio'), type: 'bar', data: schools.map((s) => pct(s.dualEvaluatedRatio)), itemStyle: { color: '#6a1b9a' } },
      ],
    },
    720,
    320,
  );
}
