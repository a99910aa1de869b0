// The annual report as one printable, self-contained HTML page (inline CSS with print rules, charts
// as inline SVG): what the bureau prints or saves as PDF from the browser. Texts come from `t`.
import type { Lang, Translator } from '../i18n/lang.ts';
import type { AnnualReport } from './build-annual-report.ts';
import { findingsChart, schoolsChart, targetsChart } from './report-charts.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Numbers as the report prints them: shares as percentages, others with at most two decimals. */
export function formatValue(value: number | null, metric = ''): string {
  if (value === null) return '—';
  if (metric.includes('.ratio')) return `${(value * 100).toFixed(1)}%`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const CSS = `
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#222;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.5}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;border-bottom:2px solid #333;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}.meta{color:#555;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}th,td{border:1px solid #999;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}
.rag{display:inline-block;padding:0 .4rem;border-radius:.2rem;color:#fff;font-size:.8rem}.green{background:#2e7d32}.amber{background:#ef8f00}.red{background:#c62828}.none{background:#9e9e9e}
figure{margin:1rem 0;text-align:center}figure svg{max-width:100%;height:auto}.muted{color:#777}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}tr{break-inside:avoid}.no-print{display:none}}
`;

export function renderReportHtml(report: AnnualReport, lang: Lang, t: Translator): string {
  const e = escapeHtml;
  const tr = (key: string, params?: Record<string, string | number>) => e(t(lang, key, params));
  const figure = (chart: string | null) => (chart ? `<figure>${chart}</figure>` : '');
  const table = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
  const td = (text: string) => `<td>${e(text)}</td>`;
  const num = (text: string) => `<td class="n">${e(text)}</td>`;
  const none = (key: string) => `<p class="muted">${tr(key)}</p>`;

  const targets = report.targets.length === 0
    ? none('report.targets.none')
    : table(
        ['plugin', 'title', 'clause', 'value', 'goal', 'expected', 'deadline', 'status'].map((k) => tr(`report.targets.${k}`)),
        report.targets.map((p) => [
          td(report.plugins.find((x) => x.id === p.pluginId)?.title[lang] ?? p.pluginId),
          td(p.title[lang]),
          td(p.clause),
          num(formatValue(p.value, p.metric)),
          num(formatValue(p.goal, p.metric)),
          num(formatValue(p.expected, p.metric)),
          td(p.deadline),
          `<td><span class="rag ${p.status ?? 'none'}">${tr(`report.status.${p.status ?? 'none'}`)}</span></td>`,
        ]),
      );

  const f = report.findings;
  const findings = `<p>${tr('report.findings.totals', f.totals)}</p>` + (f.rows.length === 0
    ? none('report.findings.none')
    : table(
        ['plugin', 'severity', 'open', 'opened', 'resolved'].map((k) => tr(`report.findings.${k}`)),
        f.rows.map((r) => [td(r.pluginTitle?.[lang] ?? r.pluginId), td(t(lang, `report.severity.${r.severity}`)), num(String(r.open)), num(String(r.opened)), num(String(r.resolved))]),
      ));

  const schools = report.schools.length === 0
    ? none('report.schools.none')
    : table(
        ['name', 'teachers', 'professionalTeachers', 'practiceShort', 'internships', 'insuredRatio', 'dualEvaluatedRatio', 'activeAgreements'].map((k) => tr(`report.school.${k}`)),
        report.schools.map((s) => [
          td(s.name), num(String(s.teachers)), num(String(s.professionalTeachers)), num(s.practiceShort === null ? '—' : String(s.practiceShort)),
          num(String(s.internships)), num(pct(s.insuredRatio)), num(pct(s.dualEvaluatedRatio)), num(String(s.activeAgreements)),
        ]),
      );

  const sections = report.pluginReports.length === 0
    ? none('report.sections.none')
    : report.pluginReports
        .map((r) => `<h3>${e(r.title[lang])}${r.clause ? ` <span class="muted">(${tr('report.clause', { clause: r.clause })})</span>` : ''}</h3>` +
          table(
            ['section', 'metric', 'value'].map((k) => tr(`report.sections.${k}`)),
            r.sections.flatMap((s) => s.metrics.length === 0
              ? [[td(s.title[lang]), td('—'), num('—')]]
              : s.metrics.map((m) => [td(s.title[lang]), td(m.name), m.value === null ? `<td class="n muted" title="${e(m.problem ?? '')}">${tr('report.sections.noValue')}</td>` : num(formatValue(m.value, m.name))])),
          ))
        .join('');

  const title = t(lang, 'report.title', { tenant: report.tenant.name[lang], year: report.year });
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><style>${CSS}</style></head>
<body>
<h1>${e(title)}</h1>
<p class="meta">${tr('report.asOf', { at: report.at })} · ${tr('report.plugins', { plugins: report.plugins.map((p) => p.title[lang]).join('、') || '—' })}</p>
<h2>${tr('report.targets.heading')}</h2>${figure(targetsChart(report, lang, t))}${targets}
<h2>${tr('report.findings.heading')}</h2>${figure(findingsChart(report, lang, t))}${findings}
<h2>${tr('report.schools.heading')}</h2>${figure(schoolsChart(report, lang, t))}${schools}
<p class="muted">${tr('report.school.practiceNote')}</p>
<h2>${tr('report.sections.heading')}</h2>${sections}
</body></html>
`;
}
