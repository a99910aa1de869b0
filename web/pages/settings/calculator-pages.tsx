// The policy calculators of the tenant's enabled plugins (e.g. 十二师 30 % surcharge deduction,
// 历城区 1:2:7 co-investment): a form per calculator generated from its zod input, computed by the
// JSON API in-process, the result shown with the parameters, dates and clause it used.
import { Hono, type Context } from 'hono';
import { AppError, notFound, type FieldIssue } from '../../../core/errors/app-error.ts';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { tenantPlugins } from '../../../core/policy-engine/tenant-plugins.ts';
import type { PolicyCalculator, PolicyPlugin } from '../../../core/policy/define-policy-plugin.ts';
import { isMessageKey } from '../../i18n/index.ts';
import { pageContext } from '../../page-context.ts';
import { Layout, type PageContext } from '../layout.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { SchemaForm } from '../shared/schema-form.tsx';
import { fieldsFromSchema, formInput, readForm, type FieldSpec } from '../shared/schema-fields.ts';
import { enumLabel, fieldLabel } from './settings-pages.tsx';

/** The roles the calculator API serves. */
const USERS = ['bureau_admin', 'school_admin', 'department_officer', 'evaluator'] as const;

interface Outcome {
  key: string;
  values: Record<string, unknown>;
  issues?: FieldIssue[];
  result?: { at: string; clause: string; result: Record<string, unknown> };
}

const calcKey = (p: PolicyPlugin, k: PolicyCalculator) => `${p.id}/${k.id}`;
const atField: FieldSpec = { name: 'at', kind: 'date', required: false, nullable: false };

const isReading = (v: unknown): v is { value: unknown; effectiveFrom: string; clause: string } =>
  typeof v === 'object' && v !== null && 'value' in v && 'effectiveFrom' in v && 'clause' in v;

function outLabel(ctx: PageContext, name: string): string {
  const out = `calc.out.${name}`;
  if (isMessageKey(out)) return ctx.t(out);
  return fieldLabel(ctx, 'calc.field', name);
}

/** A value as a bureau reads it: yes/no, grouped numbers, a parameter with its clause and date, parts labelled. */
function showValue(ctx: PageContext, v: unknown): string {
  if (typeof v === 'boolean') return ctx.t(v ? 'calc.yes' : 'calc.no');
  if (typeof v === 'number') return v.toLocaleString(ctx.lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 4 });
  if (isReading(v)) return ctx.t('calc.reading', { value: showValue(ctx, v.value), clause: v.clause, effectiveFrom: v.effectiveFrom });
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${outLabel(ctx, k)} ${showValue(ctx, x)}`)
      .join('；');
  }
  return v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
}

function CalculatorCard(props: { ctx: PageContext; slug: string; plugin: PolicyPlugin; calc: PolicyCalculator; outcome?: Outcome | undefined }) {
  const { ctx, plugin, calc, outcome } = props;
  const id = `calc-${plugin.id}--${calc.id}`;
  const fields = [...fieldsFromSchema(calc.input), atField];
  const result = outcome?.result;
  return (
    <section class="card" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{calc.title[ctx.lang]}</h2>
      <p class="muted small">
        {plugin.title[ctx.lang]} · {ctx.t('calc.clause', { clause: calc.clause })}
      </p>
      <SchemaForm
        ctx={ctx}
        prefix={id}
        fields={fields}
        values={outcome?.values ?? {}}
        issues={outcome?.issues}
        label={(name) => (name === 'at' ? ctx.t('calc.at') : fieldLabel(ctx, 'calc.field', name))}
        enumLabel={enumLabel(ctx)}
        action={`/t/${props.slug}/calculators/${plugin.id}/${calc.id}#${id}`}
        submit={ctx.t('calc.compute')}
      />
      {result ? (
        <div class="result" role="status" aria-labelledby={`${id}-result`}>
          <h3 id={`${id}-result`}>{ctx.t('calc.result')}</h3>
          <dl>
            {Object.entries(result.result).map(([k, v]) => (
              <>
                <dt>{outLabel(ctx, k)}</dt>
                <dd>{showValue(ctx, v)}</dd>
              </>
            ))}
          </dl>
          <p class="muted small">
            {ctx.t('calc.asOf', { at: result.at })} {ctx.t('calc.clause', { clause: result.clause })}
          </p>
        </div>
      ) : null}
    </section>
  );
}

export function calculatorPages(deps: AppDeps, api: ApiBridge) {
  const enabled = (c: Context<AppEnv>) => tenantPlugins(c.get('tenant').plugins, deps.policy.registry).plugins.filter((p) => p.calculators.length > 0);
  const render = (c: Context<AppEnv>, status: number, outcome?: Outcome) => {
    const ctx = pageContext(c, deps.t);
    const plugins = enabled(c);
    return c.html(
      <Layout ctx={ctx} title={ctx.t('calc.title')}>
        <section class="card">
          <h1>{ctx.t('calc.title')}</h1>
          <p class="muted">{ctx.t('calc.intro')}</p>
        </section>
        {plugins.length === 0 ? <p class="empty card">{ctx.t('calc.empty')}</p> : null}
        {plugins.flatMap((plugin) =>
          plugin.calculators.map((calc) => (
            <CalculatorCard ctx={ctx} slug={c.get('tenant').slug} plugin={plugin} calc={calc} outcome={outcome?.key === calcKey(plugin, calc) ? outcome : undefined} />
          )),
        )}
      </Layout>,
      status as 200,
    );
  };

  return new Hono<AppEnv>()
    .get('/calculators', requireUser('page', USERS), (c) => render(c, 200))
    .post('/calculators/:pluginId/:calculatorId', requireUser('page', USERS), async (c) => {
      const { pluginId, calculatorId } = c.req.param();
      const plugin = enabled(c).find((p) => p.id === pluginId);
      const calc = plugin?.calculators.find((k) => k.id === calculatorId);
      if (!plugin || !calc) throw notFound();
      const body = await readForm(c.req);
      const values = formInput([...fieldsFromSchema(calc.input), atField], body);
      const { at, ...input } = values;
      try {
        const res = await api<Outcome['result']>(c, 'POST', `/plugins/${pluginId}/calculators/${calculatorId}`, { input, ...(at ? { at } : {}) });
        return render(c, 200, { key: calcKey(plugin, calc), values, result: res.body });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'Invalid') throw error;
        // The API names input fields `input.<name>`; the form names them `<name>`.
        const issues = error.issues.map((i) => ({ ...i, path: i.path.replace(/^input\./, '') }));
        return render(c, 422, { key: calcKey(plugin, calc), values, issues });
      }
    });
}
