// Form fields derived from a zod schema (via its JSON Schema): the kind of input, whether it is
// required, its choices and bounds; and the way back from posted form values to the schema's
// input. Used for every resource form and for plugin configuration forms.
import { z } from 'zod';

export type FieldKind = 'text' | 'textarea' | 'number' | 'integer' | 'date' | 'bool' | 'enum' | 'ref' | 'list' | 'refList';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  nullable: boolean;
  options?: readonly string[];
  min?: number;
  max?: number;
  maxLength?: number;
}

interface Json {
  type?: string | string[];
  enum?: string[];
  format?: string;
  anyOf?: Json[];
  items?: Json;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  properties?: Record<string, Json>;
  required?: string[];
}

function unwrap(json: Json): { json: Json; nullable: boolean } {
  if (json.anyOf) {
    const nonNull = json.anyOf.filter((j) => j.type !== 'null');
    return { json: nonNull[0] ?? {}, nullable: nonNull.length < json.anyOf.length };
  }
  if (Array.isArray(json.type)) {
    const types = json.type.filter((t) => t !== 'null');
    return { json: { ...json, type: types[0] }, nullable: types.length < json.type.length };
  }
  return { json, nullable: false };
}

export function fieldsFromSchema(schema: z.ZodType, refFields: ReadonlySet<string> = new Set()): FieldSpec[] {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const required = new Set(root.required ?? []);
  return Object.entries(root.properties ?? {}).map(([name, raw]) => {
    const { json, nullable } = unwrap(raw);
    const base = { name, required: required.has(name), nullable };
    const bounds = { ...(json.minimum !== undefined ? { min: json.minimum } : {}), ...(json.maximum !== undefined ? { max: json.maximum } : {}) };
    if (json.enum) return { ...base, kind: 'enum', options: json.enum };
    if (json.type === 'boolean') return { ...base, kind: 'bool' };
    if (json.type === 'integer') return { ...base, kind: 'integer', ...bounds };
    if (json.type === 'number') return { ...base, kind: 'number', ...bounds };
    if (json.type === 'array') return { ...base, kind: refFields.has(name) ? 'refList' : 'list' };
    if (json.format === 'date') return { ...base, kind: 'date' };
    if (refFields.has(name)) return { ...base, kind: 'ref' };
    const maxLength = json.maxLength;
    return { ...base, kind: maxLength !== undefined && maxLength > 300 ? 'textarea' : 'text', ...(maxLength !== undefined ? { maxLength } : {}) };
  });
}

/** Fields shown masked; a posted value still masked means "unchanged". */
const MASKED = new Set(['idNumber', 'phone']);

export type FormBody = Record<string, string | File | (string | File)[]>;

/** The posted form, every repeated name as a list (multi-selects). */
export async function readForm(req: { parseBody(options: { all: true }): Promise<unknown> }): Promise<FormBody> {
  return (await req.parseBody({ all: true })) as FormBody;
}

const one = (value: FormBody[string] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
};

/**
 * Posted values → schema input. An empty box clears a nullable field and leaves others out (so
 * the schema names what is missing); a value still masked (`***`) is the unchanged original.
 */
export function formInput(fields: readonly FieldSpec[], body: FormBody): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = body[field.name];
    if (field.kind === 'bool') {
      input[field.name] = one(raw) === 'on' || one(raw) === 'true';
      continue;
    }
    if (field.kind === 'refList') {
      const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string' && v !== '');
      input[field.name] = values;
      continue;
    }
    const text = one(raw)?.trim();
    if (text === undefined) continue;
    if (MASKED.has(field.name) && text.includes('*')) continue;
    if (field.kind === 'list') {
      input[field.name] = text.split(/[,，;；\n]/).map((s) => s.trim()).filter(Boolean);
      continue;
    }
    if (text === '') {
      if (field.nullable) input[field.name] = null;
      continue;
    }
    if (field.kind === 'number' || field.kind === 'integer') {
      const n = Number(text);
      input[field.name] = Number.isFinite(n) ? n : text;
      continue;
    }
    input[field.name] = text;
  }
  return input;
}

/** A stored value as the text of its input box. */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
