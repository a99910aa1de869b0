// Reads the first sheet of an uploaded XLSX or CSV into rows keyed by header.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface SheetRows {
  headers: string[];
  /** Each data row with its spreadsheet row number (the header is row 1). */
  rows: { row: number; cells: Record<string, Cell> }[];
}

export type Cell = string | number | boolean | Date | undefined;

function plain(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return value.result instanceof Date || typeof value.result !== 'object' ? value.result : undefined;
  return undefined;
}

export async function readWorkbook(data: Uint8Array, filename: string): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  if (/\.csv$/i.test(filename)) {
    // A UTF-8 BOM (as Excel writes CSV) would otherwise stick to the first header.
    let text = Buffer.from(data).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // Cells stay text: exceljs would read an all-digit credit code or ID number as a number
    // and lose its last digits.
    await workbook.csv.read(Readable.from([text]), { map: (value: unknown) => value });
  } else {
    await workbook.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    const value = plain(cell.value);
    headers[col - 1] = value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value).trim();
  });
  const rows: SheetRows['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, Cell> = {};
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const header = headers[col - 1];
      if (!header) return;
      const value = plain(cell.value);
      if (value !== undefined && (value instanceof Date || String(value).trim() !== '')) any = true;
      cells[header] = value;
    });
    if (any) rows.push({ row: rowNumber, cells });
  });
  return { headers: headers.filter(Boolean), rows };
}
