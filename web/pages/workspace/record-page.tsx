// One record: what needs attention first (extras such as insurance or the evaluation forms),
// then its form — editable when the role may write it, read-only otherwise.
import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../../core/errors/app-error.ts';
import { Layout, type PageContext } from '../layout.tsx';
import type { Option } from '../shared/ref-options.ts';
import type { FieldSpec } from '../shared/schema-fields.ts';
import { SchemaForm } from '../shared/schema-form.tsx';

export interface RecordPageProps {
  ctx: PageContext;
  title: string;
  listHref: string;
  fields: readonly FieldSpec[];
  values: Record<string, unknown>;
  issues?: readonly FieldIssue[] | undefined;
  options: Readonly<Record<string, readonly Option[]>>;
  enumLabel: (field: string, value: string) => string;
  action: string;
  hidden?: Record<string, string | number>;
  readOnly: boolean;
  notice?: string | undefined;
  extras?: Child;
}

export function RecordPage(props: RecordPageProps) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <p class="crumbs">
        <a href={props.listHref}>← {ctx.t('form.cancel')}</a>
      </p>
      {props.notice ? (
        <p class="success" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.extras}
      <section class="card">
        <h1>{props.title}</h1>
        {props.readOnly ? <p class="muted">{ctx.t('form.readOnly')}</p> : null}
        <SchemaForm
          ctx={ctx}
          fields={props.fields}
          values={props.values}
          issues={props.issues}
          options={props.options}
          label={(f) => ctx.t(`field.${f}` as never)}
          enumLabel={props.enumLabel}
          action={props.action}
          submit={ctx.t('form.save')}
          hidden={props.hidden}
          readOnly={props.readOnly}
        />
      </section>
    </Layout>
  );
}
