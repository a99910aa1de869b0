// A resource's list: filters (kept in the URL), one page of records, next/first page links,
// export of exactly what is filtered, import and "new" when the role may write, and an empty
// state that says what to do next.
import type { Child } from 'hono/jsx';
import { Layout, type PageContext } from '../layout.tsx';
import type { Option } from '../shared/ref-options.ts';
import type { FieldSpec } from '../shared/schema-fields.ts';
import { Cell, enumText, type CellContext } from './cell.tsx';

export interface ListPageProps extends CellContext {
  title: string;
  base: string;
  records: Record<string, unknown>[];
  nextCursor: string | null;
  query: Record<string, string>;
  filterFields: readonly FieldSpec[];
  filterOptions: Readonly<Record<string, readonly Option[]>>;
  canCreate: boolean;
  exportHref: string;
  importHref?: string | undefined;
  intro?: Child;
}

const BOOL_FILTERS = new Set(['isIntegration', 'dualQualified', 'isProfessional']);

export function ListPage(props: ListPageProps) {
  const { ctx, spec } = props;
  const filtered = Object.keys(props.query).some((k) => k !== 'cursor' && props.query[k] !== '');
  const label = (f: string) => ctx.t(`field.${f}` as never);
  const params = (extra: Record<string, string>) => {
    const all = new URLSearchParams({ ...props.query, ...extra });
    for (const [k, v] of [...all.entries()]) if (v === '') all.delete(k);
    const s = all.toString();
    return s ? `?${s}` : '';
  };
  const withoutCursor = Object.fromEntries(Object.entries(props.query).filter(([k]) => k !== 'cursor'));
  return (
    <Layout ctx={ctx} title={props.title}>
      <section class="card">
        <div class="title-row">
          <h1>{props.title}</h1>
          <div class="actions">
            {props.canCreate ? (
              <a class="button primary" href={`${props.base}/new${params({ ...withoutCursor, cursor: '' })}`}>
                {ctx.t('list.new')}
              </a>
            ) : null}
            {props.importHref ? (
              <a class="button" href={props.importHref}>
                {ctx.t('list.import')}
              </a>
            ) : null}
            <a class="button" href={props.exportHref} download>
              {ctx.t('list.export')}
            </a>
          </div>
        </div>
        {props.intro}
        {props.filterFields.length > 0 ? (
          <form method="get" action={props.base} class="filters" role="search">
            {props.filterFields.map((f) => (
              <div class="field">
                <label for={`filter-${f.name}`}>{label(f.name)}</label>
                {f.kind === 'enum' || f.kind === 'ref' || BOOL_FILTERS.has(f.name) ? (
                  <select id={`filter-${f.name}`} name={f.name}>
                    <option value="">{ctx.t('list.any')}</option>
                    {(BOOL_FILTERS.has(f.name) ? ['true', 'false'] : f.kind === 'enum' ? (f.options ?? []) : []).map((o) => (
                      <option value={o} selected={props.query[f.name] === o}>
                        {enumText(props, f.name, o)}
                      </option>
                    ))}
                    {(props.filterOptions[f.name] ?? []).map((o) => (
                      <option value={o.id} selected={props.query[f.name] === o.id}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={`filter-${f.name}`}
                    name={f.name}
                    type={f.kind === 'date' ? 'date' : f.kind === 'integer' || f.kind === 'number' ? 'number' : 'text'}
                    value={props.query[f.name] ?? ''}
                  />
                )}
              </div>
            ))}
            <div class="filter-buttons">
              <button type="submit" class="button">
                {ctx.t('list.filter')}
              </button>
              {filtered ? <a href={props.base}>{ctx.t('list.clear')}</a> : null}
            </div>
          </form>
        ) : null}
      </section>
      <section class="card">
        {props.records.length === 0 ? (
          <p class="empty">
            {filtered ? ctx.t('list.emptyFiltered', { what: props.title }) : ctx.t('list.empty', { what: props.title })}{' '}
            {filtered ? null : props.canCreate ? ctx.t('list.emptyCreate') : ctx.t('list.emptyReadOnly')}
          </p>
        ) : (
          <>
            <div class="table-wrap">
              <table class="records">
                <thead>
                  <tr>
                    {spec.columns.map((f) => (
                      <th scope="col">{label(f)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {props.records.map((record) => (
                    <tr>
                      {spec.columns.map((f, i) => (
                        <td data-label={label(f)}>
                          {i === 0 ? (
                            <a href={`${props.base}/${String(record.id)}`}>
                              <Cell {...props} field={f} record={record} />
                            </a>
                          ) : (
                            <Cell {...props} field={f} record={record} />
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav class="pager" aria-label={props.title}>
              <span class="muted small">{ctx.t('list.count', { count: props.records.length })}</span>
              {props.query.cursor ? <a href={`${props.base}${params({ ...withoutCursor, cursor: '' })}`}>{ctx.t('list.first')}</a> : null}
              {props.nextCursor ? (
                <a href={`${props.base}${params({ cursor: props.nextCursor })}`} rel="next">
                  {ctx.t('list.next')}
                </a>
              ) : null}
            </nav>
          </>
        )}
      </section>
    </Layout>
  );
}

export type { PageContext };
