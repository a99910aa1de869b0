// The annual report as an XLSX workbook: one sheet each for targets, findings, schools and the
// plugins' report sections, numbers as numbers so the bureau can compute on them.
import ExcelJS from 'exceljs';
import type { Lang, Translator } from '../i18n/lang.ts';
import type { AnnualReport } from './build-annual-report.ts';

type Cell = string | number | null;

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(12, h.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
}

export async function renderReportXlsx(report: AnnualReport, lang: Lang, t: Translator): Promise<Uint8Array<ArrayBuffer>> {
  const h = (keys: string[], prefix: string) => keys.map((k) => t(lang, `${prefix}.${k}`));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  workbook.title = t(lang, 'report.title', { tenant: report.tenant.name[lang], year: report.year });
  const pluginTitle = (id: string) => report.plugins.find((p) => p.id === id)?.title[lang] ?? id;

  addSheet(
    workbook,
    t(lang, 'report.sheet.targets'),
    [...h(['plugin', 'title', 'clause'], 'report.targets'), t(lang, 'report.sections.metric'), ...h(['value', 'goal', 'expected', 'deadline', 'status'], 'report.targets'), t(lang, 'report.targets.ratio')],
    report.targets.map((p) => [
      pluginTitle(p.pluginId), p.title[lang], p.clause, p.metric, p.value, p.goal, p.expected, p.deadline,
      t(lang, `report.status.${p.status ?? 'none'}`), p.ratio,
    ]),
  );
  addSheet(
    workbook,
    t(lang, 'report.sheet.findings'),
    h(['plugin', 'severity', 'open', 'opened', 'resolved'], 'report.findings'),
    report.findings.rows.map((r) => [r.pluginTitle?.[lang] ?? r.pluginId, t(lang, `report.severity.${r.severity}`), r.open, r.opened, r.resolved]),
  );
  addSheet(
    workbook,
    t(lang, 'report.sheet.schools'),
    h(['name', 'teachers', 'professionalTeachers', 'practiceShort', 'internships', 'insuredRatio', 'dualEvaluatedRatio', 'activeAgreements'], 'report.school'),
    report.schools.map((s) => [s.name, s.teachers, s.professionalTeachers, s.practiceShort, s.internships, s.insuredRatio, s.dualEvaluatedRatio, s.activeAgreements]),
  );
  addSheet(
    workbook,
    t(lang, 'report.sheet.sections'),
    [t(lang, 'report.targets.plugin'), t(lang, 'report.sections.report'), ...h(['section', 'metric', 'value'], 'report.sections')],
    report.pluginReports.flatMap((r) =>
      r.sections.flatMap((s) => s.metrics.map((m): Cell[] => [pluginTitle(r.pluginId), r.title[lang], s.title[lang], m.name, m.value])),
    ),
  );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
