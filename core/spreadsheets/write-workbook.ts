// Writes XLSX files: empty templates with the zh-CN headers, and exports of a list.
import ExcelJS from 'exceljs';

export interface SheetColumn {
  header: string;
  width?: number;
  /** Text columns are formatted as text, so Excel keeps long digit strings (身份证号) intact. */
  text?: boolean;
}

export async function writeWorkbook(
  sheetName: string,
  columns: SheetColumn[],
  rows: (string | number | boolean | null)[][],
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(12, c.header.length * 2 + 4),
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
