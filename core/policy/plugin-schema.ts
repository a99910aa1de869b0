// The zod shapes of a plugin definition, so a mistake is reported with the path of the bad
// field (`rules[2].clause`) instead of surfacing later as a wrong finding.
import { z } from 'zod';
import { roles } from '../users/schema.ts';
import { viewCollections } from './data-view.ts';
import { isIsoDate } from './dates.ts';
import { placeholders } from './messages.ts';
import { SDK_RANGE, SEMVER } from './semver.ts';

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Parameter names and message ids are camelCase: they are written as TypeScript keys. */
export const CAMEL_NAME = /^[a-z][A-Za-z0-9]*$/;

const text = z.string().trim().min(1, 'must not be empty');
const kebabId = z.string().regex(KEBAB_ID, 'must be kebab-case (a-z, 0-9 and single hyphens)');
const isoDate = z.string().refine(isIsoDate, 'must be a YYYY-MM-DD date');
const clause = text.describe('the section as printed in the text, e.g. 三(三)10');
export const localizedText = z.strictObject({ 'zh-CN': text, en: text });

const monthDay = z.string().refine((s) => {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  // 2024 is a leap year, so 02-29 is a day some years have.
  return m !== null && isIsoDate(`2024-${m[1]}-${m[2]}`);
}, 'must be a MM-DD day of the year');

export const sourceSchema = z.strictObject({
  title: text,
  issuer: text,
  date: isoDate,
  /** 文号, e.g. 淄高新管字〔2023〕100号; some plans carry none. */
  referenceNumber: text.nullable(),
  /** The file under shared/policy-texts the plugin encodes, e.g. 001_c8f5a619e50ef3b6.txt. */
  seedFile: text,
});

export const targetSchema = z.strictObject({
  id: kebabId,
  title: localizedText,
  /** The name of a metric computed in core (SQL, documented, tested). */
  metric: text,
  goal: z.number().finite(),
  comparison: z.enum(['at-least', 'at-most']).default('at-least'),
  deadline: isoDate,
  /** "50 per year from 2023". */
  schedule: z.strictObject({ perYear: z.number().positive(), from: z.number().int().min(1949).max(2200) }).optional(),
  clause,
});

export const taskSchema = z.strictObject({
  id: kebabId,
  title: localizedText,
  clause,
  /** The first 责任单位 listed in the text. */
  leadUnit: text,
  coUnits: z.array(text).default([]),
  due: isoDate,
  phase: text.optional(),
});

export const reminderSchema = z.strictObject({
  id: kebabId,
  title: localizedText,
  clause,
  when: z.union([
    z.strictObject({ every: z.literal('year'), before: monthDay }),
    z.strictObject({ timesPerYear: z.number().int().min(1).max(12) }),
    /** The id of one of the plugin's rules, as written in the plugin (not namespaced). */
    z.strictObject({ onFinding: kebabId }),
  ]),
  recipients: z.array(z.enum(roles)).min(1, 'name at least one role'),
});

export const reportSchema = z.strictObject({
  id: kebabId,
  title: localizedText,
  clause: clause.optional(),
  sections: z.array(z.strictObject({ title: localizedText, metrics: z.array(text).default([]) })).min(1, 'name at least one section'),
});

/** A calculation the text prescribes (a deduction, a ratio), offered to users with cited parameters. */
export const calculatorSchema = z.strictObject({
  id: kebabId,
  title: localizedText,
  clause,
  /** zod schema of the input, so the API answers a bad input field by field. */
  input: z.custom<z.ZodType>((v) => v instanceof z.ZodType, 'must be a zod schema'),
  compute: z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function'),
});

export type TargetSpec = z.input<typeof targetSchema>;
export type Target = z.output<typeof targetSchema>;
export type TaskSpec = z.input<typeof taskSchema>;
export type Task = z.output<typeof taskSchema>;
export type ReminderSpec = z.input<typeof reminderSchema>;
export type Reminder = z.output<typeof reminderSchema>;
export type ReportSpec = z.input<typeof reportSchema>;
export type Report = z.output<typeof reportSchema>;
export type Source = z.output<typeof sourceSchema>;

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');

const messagesSchema = z.record(
  z.string().regex(CAMEL_NAME, 'message ids must be camelCase'),
  localizedText.refine(
    (m) => placeholders(m['zh-CN']).join() === placeholders(m.en).join(),
    'zh-CN and en must use the same {params}',
  ),
);

/** Checked before anything runs; parameters are checked by defineParameter, the config by parsing `{}`. */
export const pluginSchema = z.strictObject({
  id: kebabId,
  version: z.string().regex(SEMVER, 'must be a semver version such as 1.0.0'),
  sdk: z.string().regex(SDK_RANGE, 'must be ^x.y.z or x.y.z'),
  title: localizedText,
  source: sourceSchema,
  config: z.custom<z.ZodType>((v) => v instanceof z.ZodType, 'must be a zod schema').optional(),
  parameters: z.record(z.string().regex(CAMEL_NAME, 'parameter names must be camelCase'), z.unknown()).optional(),
  parameterOverrides: z.record(z.string(), z.unknown()).optional(),
  extends: z.custom<object>((v) => typeof v === 'object' && v !== null && Object.hasOwn(v, 'layers'), 'must be a plugin made by definePolicyPlugin').optional(),
  reads: z.array(z.enum(viewCollections)).optional(),
  messages: messagesSchema,
  rules: z.array(z.strictObject({ id: kebabId, title: localizedText, clause, check: fn })),
  targets: z.array(targetSchema).default([]),
  tasks: z.array(taskSchema).default([]),
  reminders: z.array(reminderSchema).default([]),
  reports: z.array(reportSchema).default([]),
  calculators: z.array(calculatorSchema).default([]),
});

/** `rules[2].clause`: the way an integrator would write the path in their own file. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(plugin)';
}
