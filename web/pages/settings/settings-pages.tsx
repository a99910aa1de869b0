// Tenant settings: each enabled plugin's config (and its baselines'), as forms generated from the
// plugins' zod schemas; a bad value comes back beside its field, a good one is saved (audited) and
// used by the next evaluation. The bureau admin edits; the evaluator reads.
import { Hono, type Context } from 'hono';
import { notFound, type FieldIssue } from '../../../core/errors/app-error.ts';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { listPluginSettings, resetPluginSettings, savePluginSettings, type LayerSettings } from '../../../core/tenant-settings/plugin-settings.ts';
import { isMessageKey } from '../../i18n/index.ts';
import { pageContext } from '../../page-context.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { attempt } from '../shared/attempt.ts';
import { SchemaForm } from '../shared/schema-form.tsx';
import { fieldsFromSchema, formInput, readForm } from '../shared/schema-fields.ts';

const READERS = ['bureau_admin', 'evaluator'] as const;
const WRITERS = ['bureau_admin'] as const;

/** A refused save, shown in place of the stored values of its layer. */
interface Refusal {
  key: string;
  values: Record<string, unknown>;
  issues: FieldIssue[];
}

const layerKey = (l: Pick<LayerSettings, 'pluginId' | 'layerId'>) => `${l.pluginId}/${l.layerId}`;
const anchor = (l: Pick<LayerSettings, 'pluginId' | 'layerId'>) => `layer-${l.pluginId}--${l.layerId}`;

export function fieldLabel(ctx: PageContext, prefix: 'settings.field' | 'calc.field', name: string): string {
  const key = `${prefix}.${name}`;
  return isMessageKey(key) ? ctx.t(key) : name;
}

export const enumLabel = (ctx: PageContext) => (_field: string, value: string) => {
  const key = `severity.${value}`;
  return isMessageKey(key) ? ctx.t(key) : value;
};

/** A saved time as the region reads it: `2026-03-01 16:05` in its own time zone. */
const localTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);

function LayerCard(props: { ctx: PageContext; slug: string; timezone: string; layer: LayerSettings; pluginTitle: string; canEdit: boolean; refusal?: Refusal | undefined }) {
  const { ctx, layer } = props;
  const fields = fieldsFromSchema(layer.schema);
  const title = layer.title[ctx.lang];
  const isBaseline = layer.layerId !== layer.pluginId;
  const action = `/t/${props.slug}/settings/${layer.pluginId}/${layer.layerId}`;
  return (
    <section class="card" id={anchor(layer)} aria-labelledby={`${anchor(layer)}-title`}>
      <h2 id={`${anchor(layer)}-title`}>{isBaseline ? ctx.t('settings.baselineOf', { plugin: props.pluginTitle, layer: title }) : title}</h2>
      {fields.length === 0 ? (
        <p class="muted">{ctx.t('settings.noConfig')}</p>
      ) : (
        <>
          <p class="muted small">{layer.updatedAt ? ctx.t('settings.fromSaved', { at: localTime(layer.updatedAt, props.timezone) }) : ctx.t('settings.fromManifest')}</p>
          {layer.effective === null && !props.refusal ? <p class="error">{ctx.t('settings.broken')}</p> : null}
          <SchemaForm
            ctx={ctx}
            prefix={anchor(layer)}
            fields={fields}
            values={props.refusal && props.refusal.issues.length > 0 ? props.refusal.values : layer.effective ?? { ...layer.manifest, ...(layer.saved ?? {}) }}
            issues={props.refusal?.issues}
            label={(name) => fieldLabel(ctx, 'settings.field', name)}
            enumLabel={enumLabel(ctx)}
            action={action}
            submit={ctx.t('settings.save')}
            hidden={{ version: layer.version }}
            readOnly={!props.canEdit}
          />
          {props.canEdit && layer.saved !== null ? (
            <form method="post" action={`${action}/reset`} class="form">
              <input type="hidden" name="version" value={String(layer.version)} />
              <button type="submit" class="button">
                {ctx.t('settings.reset')}
              </button>
            </form>
          ) : null}
        </>
      )}
    </section>
  );
}

export function settingsPages(deps: AppDeps) {
  const render = async (c: Context<AppEnv>, status: number, notice?: string, refusal?: Refusal) => {
    const ctx = pageContext(c, deps.t);
    const layers = await listPluginSettings(c.get('tx'), c.get('tenant'), deps.policy.registry);
    const canEdit = c.get('auth')!.user.role === 'bureau_admin';
    const titleOf = (pluginId: string) => layers.find((l) => l.layerId === pluginId)?.title[ctx.lang] ?? pluginId;
    return c.html(
      <Layout ctx={ctx} title={ctx.t('settings.title')}>
        <section class="card">
          <h1>{ctx.t('settings.title')}</h1>
          <p class="muted">{ctx.t('settings.intro')}</p>
          {canEdit ? null : <p class="muted small">{ctx.t('settings.readOnly')}</p>}
          {notice ? (
            <p class="success" role="status">
              {notice}
            </p>
          ) : null}
          {refusal?.issues.length === 0 ? <p class="error" role="alert">{ctx.t('error.conflict')}</p> : null}
        </section>
        {layers.length === 0 ? <p class="empty card">{ctx.t('settings.empty')}</p> : null}
        {layers.map((layer) => (
          <LayerCard ctx={ctx} slug={c.get('tenant').slug} timezone={c.get('tenant').timezone} layer={layer} pluginTitle={titleOf(layer.pluginId)} canEdit={canEdit} refusal={refusal?.key === layerKey(layer) ? refusal : undefined} />
        ))}
      </Layout>,
      status as 200,
    );
  };
  const titleOf = async (c: Context<AppEnv>, key: string) => {
    const layer = (await listPluginSettings(c.get('tx'), c.get('tenant'), deps.policy.registry)).find((l) => layerKey(l) === key);
    return layer?.title[c.get('lang')] ?? key;
  };
  const versionOf = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

  return new Hono<AppEnv>()
    .get('/settings', requireUser('page', READERS), async (c) => {
      const saved = c.req.query('saved');
      const reset = c.req.query('reset');
      const notice = saved ? deps.t(c.get('lang'), 'settings.saved', { title: await titleOf(c, saved) }) : reset ? deps.t(c.get('lang'), 'settings.resetDone', { title: await titleOf(c, reset) }) : undefined;
      return render(c, 200, notice);
    })
    .post('/settings/:pluginId/:layerId', requireUser('page', WRITERS), async (c) => {
      const { pluginId, layerId } = c.req.param();
      const layer = (await listPluginSettings(c.get('tx'), c.get('tenant'), deps.policy.registry)).find((l) => l.pluginId === pluginId && l.layerId === layerId);
      if (!layer) throw notFound();
      const body = await readForm(c.req);
      const config = formInput(fieldsFromSchema(layer.schema), body);
      const result = await attempt(c.get('tx'), () =>
        savePluginSettings(c.get('tx'), {
          tenant: c.get('tenant'),
          registry: deps.policy.registry,
          pluginId,
          layerId,
          config,
          version: versionOf(body.version),
          actorUserId: c.get('auth')!.user.id,
          requestId: c.get('requestId'),
          lang: c.get('lang'),
          t: deps.t,
        }),
      );
      if (result.ok) return c.redirect(`/t/${c.get('tenant').slug}/settings?saved=${encodeURIComponent(layerKey(layer))}#${anchor(layer)}`, 303);
      if (result.error.code === 'NotFound') throw result.error;
      // A choice outside the list is named by the choices' labels, not the schema's raw values.
      const ctx = pageContext(c, deps.t);
      const fields = fieldsFromSchema(layer.schema);
      const issues = result.error.issues.map((i) => {
        const options = fields.find((f) => f.name === i.path && f.kind === 'enum')?.options;
        return options && i.code === 'invalid_value' ? { ...i, message: ctx.t('settings.chooseOne', { options: options.map((o) => enumLabel(ctx)(i.path, o)).join(ctx.lang === 'en' ? ', ' : '、') }) } : i;
      });
      return render(c, result.error.code === 'Conflict' ? 409 : 422, undefined, { key: layerKey(layer), values: config, issues });
    })
    .post('/settings/:pluginId/:layerId/reset', requireUser('page', WRITERS), async (c) => {
      const { pluginId, layerId } = c.req.param();
      const body = await readForm(c.req);
      const result = await attempt(c.get('tx'), () =>
        resetPluginSettings(c.get('tx'), {
          tenant: c.get('tenant'),
          registry: deps.policy.registry,
          pluginId,
          layerId,
          version: versionOf(body.version),
          actorUserId: c.get('auth')!.user.id,
          requestId: c.get('requestId'),
        }),
      );
      if (result.ok) return c.redirect(`/t/${c.get('tenant').slug}/settings?reset=${encodeURIComponent(`${pluginId}/${layerId}`)}`, 303);
      if (result.error.code === 'NotFound') throw result.error;
      return render(c, 409, undefined, { key: `${pluginId}/${layerId}`, values: {}, issues: [] });
    });
}
