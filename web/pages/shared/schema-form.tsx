// Renders the fields of a schema as one accessible form: a label per input, required marks,
// choices for enums and references, and each field's problem right under it (aria-described).
import type { FieldIssue } from '../../../core/errors/app-error.ts';
import type { PageContext } from '../layout.tsx';
import type { RefOptions } from './ref-options.ts';
import { fieldText, type FieldSpec } from './schema-fields.ts';

export interface SchemaFormProps {
  ctx: PageContext;
  fields: readonly FieldSpec[];
  values: Record<string, unknown>;
  issues?: readonly FieldIssue[] | undefined;
  options?: Readonly<Record<string, RefOptions>>;
  label: (field: string) => string;
  enumLabel: (field: string, value: string) => string;
  action: string;
  submit: string;
  hidden?: Readonly<Record<string, string | number>>;
  readOnly?: boolean;
  /** id prefix, when a page holds more than one form */
  prefix?: string;
}

export function problemsOf(issues: readonly FieldIssue[] | undefined, name: string): string | undefined {
  const own = issues?.filter((i) => i.path === name || i.path.startsWith(`${name}.`)).map((i) => i.message);
  return own && own.length > 0 ? own.join(' ') : undefined;
}

export function SchemaForm(props: SchemaFormProps) {
  const { ctx } = props;
  const prefix = props.prefix ?? 'f';
  const known = new Set(props.fields.map((f) => f.name));
  const stray = props.issues?.filter((i) => !known.has(i.path.split('.')[0] ?? '')) ?? [];
  const count = props.issues?.length ?? 0;
  return (
    <form method="post" action={props.action} class="form" novalidate>
      {count > 0 ? (
        <p class="error" role="alert">
          {ctx.t('form.invalid', { count })}
          {stray.length > 0 ? ` ${stray.map((i) => i.message).join(' ')}` : ''}
        </p>
      ) : null}
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={String(value)} />
      ))}
      <fieldset disabled={props.readOnly} class="fields">
        {props.fields.map((field) => (
          <Field {...props} field={field} id={`${prefix}-${field.name}`} problem={problemsOf(props.issues, field.name)} />
        ))}
      </fieldset>
      {props.readOnly ? null : (
        <button type="submit" class="primary">
          {props.submit}
        </button>
      )}
    </form>
  );
}

function Field(props: SchemaFormProps & { field: FieldSpec; id: string; problem: string | undefined }) {
  const { field, id, problem, ctx } = props;
  const value = props.values[field.name];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hint = field.kind === 'list' ? ctx.t('form.listHint') : undefined;
  const described = [hint ? hintId : '', problem ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: field.name, 'aria-invalid': problem ? ('true' as const) : undefined, 'aria-describedby': described };
  const label = (
    <label for={id}>
      {props.label(field.name)}
      {field.required ? (
        <span class="req" aria-label={ctx.t('form.required')}>
          {' *'}
        </span>
      ) : null}
    </label>
  );
  const tail = (
    <>
      {hint ? (
        <p class="muted small" id={hintId}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" id={errorId}>
          {problem}
        </p>
      ) : null}
    </>
  );
  if (field.kind === 'bool') {
    return (
      <div class="field check">
        <input type="checkbox" {...common} checked={value === true} />
        <label for={id}>{props.label(field.name)}</label>
        {tail}
      </div>
    );
  }
  let control;
  if (field.kind === 'enum') {
    control = (
      <select {...common} required={field.required}>
        {field.required && value ? null : <option value="">{ctx.t('form.none')}</option>}
        {(field.options ?? []).map((o) => (
          <option value={o} selected={value === o}>
            {props.enumLabel(field.name, o)}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'ref' && props.options?.[field.name]?.search) {
    control = <RefSearchBox {...props} field={field} id={id} common={common} value={value} />;
  } else if (field.kind === 'ref' || field.kind === 'refList') {
    const chosen = new Set(Array.isArray(value) ? (value as string[]) : [value as string]);
    control = (
      <select {...common} multiple={field.kind === 'refList'} required={field.required}>
        {field.kind === 'ref' ? <option value="">{ctx.t('form.none')}</option> : null}
        {(props.options?.[field.name] ?? []).map((o) => (
          <option value={o.id} selected={chosen.has(o.id)}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'textarea') {
    control = (
      <textarea {...common} rows={3} maxlength={field.maxLength}>
        {fieldText(value)}
      </textarea>
    );
  } else {
    const type = field.kind === 'date' ? 'date' : field.kind === 'number' || field.kind === 'integer' ? 'number' : 'text';
    const step = field.kind === 'integer' ? '1' : field.kind === 'number' ? 'any' : undefined;
    control = (
      <input
        {...common}
        type={type}
        step={step}
        min={field.min}
        max={field.max}
        maxlength={field.maxLength}
        required={field.required}
        value={fieldText(value)}
        inputmode={field.kind === 'integer' ? 'numeric' : field.kind === 'number' ? 'decimal' : undefined}
      />
    );
  }
  return (
    <div class="field">
      {label}
      {control}
      {tail}
    </div>
  );
}

/**
 * A reference with too many records for a select: a text box with suggestions. Typing a name and
 * submitting works without scripts (the server resolves it); /static/ref-search.js refreshes the
 * suggestions from the server as the user types.
 */
function RefSearchBox(props: SchemaFormProps & { field: FieldSpec; id: string; common: Record<string, unknown>; value: unknown }) {
  const { ctx, field, id } = props;
  const options = props.options![field.name]!;
  const search = options.search!;
  const current = typeof props.value === 'string' ? props.value : '';
  // The first suggestions are already labelled "name · id-start"; a chosen id shows the same way when known.
  const known = options.find((o) => o.id === current);
  const shown = known ? known.label : current;
  const url = `/t/${ctx.tenant?.slug ?? ''}/ref-options/${search.kind}`;
  return (
    <>
      <input
        {...props.common}
        type="text"
        list={`${id}-list`}
        value={shown}
        required={field.required}
        autocomplete="off"
        placeholder={ctx.t('ref.search')}
        data-ref-search={url}
        aria-describedby={[`${id}-count`, props.common['aria-describedby']].filter(Boolean).join(' ')}
      />
      <datalist id={`${id}-list`}>
        {options.map((o) => (
          <option value={o.label} />
        ))}
      </datalist>
      <p class="muted small" id={`${id}-count`}>
        {ctx.t('ref.searchHint', { count: search.total })}
      </p>
      <script src="/static/ref-search.js" defer />
    </>
  );
}

