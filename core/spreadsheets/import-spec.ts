// How one entity maps to spreadsheet columns: zh-CN headers (the templates' and exports'),
// the field each fills, how a cell becomes a value, and the natural key that tells an update
// from a create (credit code, 身份证号, teacher number …).
import type { Clock } from '../clock/clock.ts';
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { Translator } from '../i18n/lang.ts';

export type CellKind = 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'list';

export interface ImportColumn {
  /** Header in zh-CN; English headers are accepted too (`en`). */
  header: string;
  en: string;
  /** Field of the resource's create schema (camelCase). */
  field: string;
  kind?: CellKind;
  /** Catalog prefix whose labels are accepted for an enum, e.g. `organizationKind` (企业 → enterprise). */
  labels?: { prefix: string; values: readonly string[] };
  /** The cell names another record the way people do (school name, credit code, 身份证号); its id fills the field. */
  lookup?: Lookup;
}

export interface Lookup {
  table: string;
  /** The column the cell's text is matched against. */
  column: string;
  /** For organizations: the kinds that may be named here. */
  kinds?: readonly string[];
  /** Match only among rows whose `column` equals the row's already resolved `field` (a major's code within its school). */
  within?: { field: string; column: string };
  /**
   * The column holds a keyed hash of the text (a sealed 身份证号): cells are hashed before matching,
   * and exports show `display` of the row (masked) instead of the hash.
   */
  hashed?: { columns: readonly string[]; display(pii: PiiKeyring, row: Record<string, unknown>): string };
}

export interface ImportSpec {
  entity: string;
  resource(t: Translator, clock: Clock, pii: PiiKeyring): ResourceDef;
  columns: ImportColumn[];
  /** Fields (and their columns) that identify an existing record; without one every row is new. */
  naturalKey?: { fields: string[]; columns: string[]; hashed?: boolean };
}

const TRUE = new Set(['是', 'true', '1', 'y', 'yes', '√']);
const FALSE = new Set(['否', 'false', '0', 'n', 'no', '×', '']);

/** A cell as the schema wants it; undefined for empty; a string the schema will refuse when unreadable. */
export function cellValue(raw: string | number | boolean | Date | undefined, column: ImportColumn, t: Translator): unknown {
  if (raw === undefined) return undefined;
  if (raw instanceof Date) {
    return column.kind === 'date' ? raw.toISOString().slice(0, 10) : raw.toISOString();
  }
  const text = String(raw).trim();
  if (text === '') return undefined;
  switch (column.kind) {
    case 'number':
      return Number.isFinite(Number(text)) ? Number(text) : text;
    case 'integer':
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'boolean':
      return TRUE.has(text.toLowerCase()) ? true : FALSE.has(text.toLowerCase()) ? false : text;
    case 'date':
      return /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(text)
        ? text.replace(/[/.]/g, '-').replace(/-(\d)(?=-|$)/g, '-0$1')
        : text;
    case 'list':
      return text.split(/[,，;；、\s]+/).filter(Boolean);
    default:
      break;
  }
  if (column.labels) {
    for (const value of column.labels.values) {
      const key = `${column.labels.prefix}.${value}`;
      if (text === value || text === t('zh-CN', key) || text.toLowerCase() === t('en', key).toLowerCase()) return value;
    }
  }
  return text;
}

/** How a value goes back into a cell (exports, round trips). */
export function cellText(value: unknown, column: ImportColumn, t: Translator): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (column.labels && typeof value === 'string' && column.labels.values.includes(value)) return t('zh-CN', `${column.labels.prefix}.${value}`);
  if (column.kind === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return JSON.stringify(value);
}
