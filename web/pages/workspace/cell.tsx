// One value of a record as list or detail text: names for references, labels for enums, badges
// for what needs attention (no insurance, an agreement about to expire, an overdue task).
import type { PageContext } from '../layout.tsx';
import { fieldText } from '../shared/schema-fields.ts';
import type { ResourcePageSpec } from './resource-specs.ts';
import { refFields, sharedEnums } from './resource-specs.ts';

export interface CellContext {
  ctx: PageContext;
  spec: ResourcePageSpec;
  labels: ReadonlyMap<string, ReadonlyMap<string, string>>;
  today: string;
}

export const enumPrefix = (spec: ResourcePageSpec, field: string) => spec.enums?.[field] ?? sharedEnums[field];

export function enumText(cc: Pick<CellContext, 'ctx' | 'spec'>, field: string, value: string): string {
  const prefix = enumPrefix(cc.spec, field);
  if (value === 'true') return cc.ctx.t('list.yes');
  if (value === 'false') return cc.ctx.t('list.no');
  return prefix ? cc.ctx.t(`${prefix}.${value}` as never) : value;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function Cell(props: CellContext & { field: string; record: Record<string, unknown> }) {
  const { ctx, field, record } = props;
  const value = record[field];
  if (field === 'insured') {
    return value ? <span class="badge ok">{ctx.t('insurance.ok')}</span> : <span class="badge bad">{ctx.t('insurance.missing')}</span>;
  }
  if (value === null || value === undefined || value === '') return <span class="muted">—</span>;
  if (refFields[field]) {
    const ids = Array.isArray(value) ? (value as string[]) : [value as string];
    return <>{ids.map((id) => props.labels.get(field)?.get(id) ?? id).join('、')}</>;
  }
  if (typeof value === 'boolean') return <>{ctx.t(value ? 'list.yes' : 'list.no')}</>;
  if (Array.isArray(value)) return <>{value.join(', ')}</>;
  const text = fieldText(value);
  if (typeof value === 'string' && enumPrefix(props.spec, field)) return <>{enumText(props, field, value)}</>;
  if (field === 'validUntil' && props.spec.def.path === 'agreements') {
    const days = daysBetween(props.today, text);
    if (days < 0) return <>{text} <span class="badge bad">{ctx.t('agreement.expired')}</span></>;
    if (days <= 60) return <>{text} <span class="badge warn">{ctx.t('agreement.expiresIn', { days })}</span></>;
  }
  if (field === 'dueOn' && props.spec.def.path === 'tasks' && text < props.today && record.status !== 'done' && record.status !== 'cancelled') {
    return <>{text} <span class="badge bad">{ctx.t('task.overdue')}</span></>;
  }
  if (field === 'progress' && typeof value === 'number') {
    return (
      <span class="progress" title={`${value}%`}>
        <meter min={0} max={100} value={value} aria-label={`${value}%`} /> {value}%
      </span>
    );
  }
  return <>{text}</>;
}
