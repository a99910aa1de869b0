// The platform operator onboards a region: from a form (slug, names, kind, time zone, plugins,
// first admin) or from a manifest pasted or uploaded as JSON (tenants/*.ts's schema). Errors
// come back beside their fields; success shows the first admin's one-time password once.
import { Hono, type Context } from 'hono';
import { notFound, type FieldIssue } from '../../../core/errors/app-error.ts';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { tenantKinds } from '../../../core/tenancy/schema.ts';
import { onboardTenant, type OnboardResult } from '../../../core/tenant-settings/onboard-tenant.ts';
import { pageContext } from '../../page-context.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { attempt } from '../shared/attempt.ts';
import { problemsOf, SchemaForm } from '../shared/schema-form.tsx';
import { formInput, readForm, type FieldSpec, type FormBody } from '../shared/schema-fields.ts';

const fields: FieldSpec[] = [
  { name: 'slug', kind: 'text', required: true, nullable: false, maxLength: 63 },
  { name: 'nameZh', kind: 'text', required: true, nullable: false, maxLength: 100 },
  { name: 'nameEn', kind: 'text', required: true, nullable: false, maxLength: 100 },
  { name: 'kind', kind: 'enum', required: true, nullable: false, options: tenantKinds },
  { name: 'timezone', kind: 'text', required: true, nullable: false, maxLength: 64 },
  { name: 'plugins', kind: 'refList', required: false, nullable: false },
  { name: 'adminEmail', kind: 'text', required: true, nullable: false, maxLength: 254 },
  { name: 'adminName', kind: 'text', required: true, nullable: false, maxLength: 100 },
];

/** Where a core issue path shows on the form. */
function formPath(path: string): string {
  const map: [RegExp, string][] = [
    [/^manifest\.slug/, 'slug'],
    [/^manifest\.name\.zh-CN/, 'nameZh'],
    [/^manifest\.name\.en/, 'nameEn'],
    [/^manifest\.kind/, 'kind'],
    [/^manifest\.timezone/, 'timezone'],
    [/^manifest\.plugins/, 'plugins'],
    [/^admin\.email/, 'adminEmail'],
    [/^admin\.displayName/, 'adminName'],
  ];
  return map.find(([re]) => re.test(path))?.[1] ?? path;
}

const EXAMPLE = JSON.stringify(
  { slug: 'example-county', name: { 'zh-CN': '示例县', en: 'Example County' }, kind: 'county', timezone: 'Asia/Shanghai', plugins: [{ id: 'school-enterprise-baseline', config: {} }] },
  null,
  2,
);

interface View {
  form?: { values: Record<string, unknown>; issues: FieldIssue[] };
  manifest?: { text: string; adminEmail: string; adminName: string; issues: FieldIssue[] };
  done?: OnboardResult;
}

function OnboardPage(props: { ctx: PageContext; slug: string; plugins: { id: string; label: string }[]; view: View }) {
  const { ctx, view } = props;
  const m = view.manifest;
  const textProblem = problemsOf(m?.issues, 'manifestText');
  const adminField = (name: 'adminEmail' | 'adminName', value: string | undefined) => {
    const problem = problemsOf(m?.issues, name);
    return (
      <div class="field">
        <label for={`m-${name}`}>
          {ctx.t(`onboard.${name}`)}
          <span class="req" aria-label={ctx.t('form.required')}>
            {' *'}
          </span>
        </label>
        <input id={`m-${name}`} name={name} type={name === 'adminEmail' ? 'email' : 'text'} required value={value ?? ''} aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? `m-${name}-error` : undefined} />
        {problem ? (
          <p class="field-error" id={`m-${name}-error`}>
            {problem}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <Layout ctx={ctx} title={ctx.t('onboard.title')}>
      <section class="card">
        <h1>{ctx.t('onboard.title')}</h1>
        <p class="muted">{ctx.t('onboard.intro')}</p>
      </section>
      {view.done ? (
        <section class="card" role="status" aria-labelledby="done-title">
          <h2 id="done-title" class="success">
            {ctx.t('onboard.done', { name: ctx.lang === 'en' ? view.done.tenant.name_en : view.done.tenant.name_zh, slug: view.done.tenant.slug })}
          </h2>
          <p>{ctx.t('onboard.password', { email: view.done.admin.email })}</p>
          <p>
            <code class="secret">{view.done.admin.temporaryPassword}</code>
          </p>
          <p class="muted">{ctx.t('onboard.next', { url: `/t/${view.done.tenant.slug}/login` })}</p>
          <p class="actions">
            <a class="button" href={`/t/${props.slug}`}>
              {ctx.t('nav.tenants')}
            </a>
            <a class="button" href={`/t/${props.slug}/tenants/new`}>
              {ctx.t('nav.onboard')}
            </a>
          </p>
        </section>
      ) : null}
      {view.done ? null : (
        <>
          <section class="card" aria-labelledby="form-title">
            <h2 id="form-title">{ctx.t('onboard.formTitle')}</h2>
            <SchemaForm
              ctx={ctx}
              prefix="o"
              fields={fields}
              values={view.form?.values ?? { timezone: 'Asia/Shanghai' }}
              issues={view.form?.issues}
              options={{ plugins: props.plugins }}
              label={(name) => ctx.t(`onboard.${name}` as 'onboard.slug')}
              enumLabel={(_f, v) => ctx.t(`tenantKind.${v}` as 'onboard.slug')}
              action={`/t/${props.slug}/tenants/new`}
              submit={ctx.t('onboard.submit')}
            />
          </section>
          <section class="card" aria-labelledby="manifest-title">
            <h2 id="manifest-title">{ctx.t('onboard.manifestTitle')}</h2>
            <form method="post" action={`/t/${props.slug}/tenants/new/manifest`} enctype="multipart/form-data" class="form" novalidate>
              {m && m.issues.length > 0 ? (
                <p class="error" role="alert">
                  {ctx.t('form.invalid', { count: m.issues.length })}
                </p>
              ) : null}
              <div class="field">
                <label for="m-manifestText">{ctx.t('onboard.manifestText')}</label>
                <p class="muted small" id="m-manifestText-hint">
                  {ctx.t('onboard.manifestHint')}
                </p>
                <pre class="small">{EXAMPLE}</pre>
                <textarea id="m-manifestText" name="manifestText" rows={10} aria-invalid={textProblem ? 'true' : undefined} aria-describedby={textProblem ? 'm-manifestText-hint m-manifestText-error' : 'm-manifestText-hint'}>
                  {m?.text ?? ''}
                </textarea>
                {textProblem ? (
                  <p class="field-error" id="m-manifestText-error">
                    {textProblem}
                  </p>
                ) : null}
              </div>
              <div class="field">
                <label for="m-manifestFile">{ctx.t('onboard.manifestFile')}</label>
                <input id="m-manifestFile" name="manifestFile" type="file" accept=".json,application/json" />
              </div>
              {adminField('adminEmail', m?.adminEmail)}
              {adminField('adminName', m?.adminName)}
              <button type="submit" class="primary">
                {ctx.t('onboard.submitManifest')}
              </button>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}

const text = (v: FormBody[string] | undefined) => (typeof v === 'string' ? v.trim() : '');

export function onboardPages(deps: AppDeps) {
  const plugins = (lang: 'zh-CN' | 'en') => [...deps.policy.registry.values()].map((p) => ({ id: p.id, label: `${p.title[lang]} (${p.id})` }));
  const render = (c: Context<AppEnv>, view: View, status = 200) =>
    c.html(<OnboardPage ctx={pageContext(c, deps.t)} slug={c.get('tenant').slug} plugins={plugins(c.get('lang'))} view={view} />, status as 200);
  const onboard = (c: Context<AppEnv>, input: unknown) =>
    attempt(c.get('tx'), () =>
      onboardTenant(c.get('tx'), input, {
        registry: deps.policy.registry,
        platformTenantId: c.get('tenant').id,
        actorUserId: c.get('auth')!.user.id,
        requestId: c.get('requestId'),
        lang: c.get('lang'),
        t: deps.t,
      }),
    );
  const platformOnly = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    if (c.get('tenant').kind !== 'platform') throw notFound();
    await next();
  };
  const OPERATOR = requireUser('page', ['platform_operator']);

  return new Hono<AppEnv>()
    .get('/tenants/new', OPERATOR, platformOnly, (c) => render(c, {}))
    .post('/tenants/new', OPERATOR, platformOnly, async (c) => {
      const values = formInput(fields, await readForm(c.req));
      const manifest = {
        slug: values.slug,
        name: { 'zh-CN': values.nameZh, en: values.nameEn },
        kind: values.kind,
        timezone: values.timezone,
        plugins: ((values.plugins as string[] | undefined) ?? []).map((id) => ({ id, config: {} })),
      };
      const result = await onboard(c, { manifest, admin: { email: values.adminEmail, displayName: values.adminName } });
      if (result.ok) return render(c, { done: result.value });
      if (result.error.code !== 'Invalid') throw result.error;
      return render(c, { form: { values, issues: result.error.issues.map((i) => ({ ...i, path: formPath(i.path) })) } }, 422);
    })
    .post('/tenants/new/manifest', OPERATOR, platformOnly, async (c) => {
      const body = await readForm(c.req);
      const file = body.manifestFile;
      const uploaded = file instanceof File && file.size > 0 ? (await file.text()).trim() : '';
      const source = uploaded || text(body.manifestText);
      const view = { text: source, adminEmail: text(body.adminEmail), adminName: text(body.adminName) };
      const admin = { email: view.adminEmail, displayName: view.adminName };
      let manifest: unknown;
      const issues: FieldIssue[] = [];
      if (!source) issues.push({ path: 'manifestText', code: 'custom', message: deps.t(c.get('lang'), 'onboard.manifestMissing') });
      else if (source.length > 100_000) issues.push({ path: 'manifestText', code: 'too_big', message: deps.t(c.get('lang'), 'onboard.manifestJson', { error: '> 100 000' }) });
      else {
        try {
          manifest = JSON.parse(source);
        } catch (error) {
          issues.push({ path: 'manifestText', code: 'custom', message: deps.t(c.get('lang'), 'onboard.manifestJson', { error: (error as Error).message }) });
        }
      }
      if (issues.length > 0) return render(c, { manifest: { ...view, issues } }, 422);
      const result = await onboard(c, { manifest, admin });
      if (result.ok) return render(c, { done: result.value });
      if (result.error.code !== 'Invalid') throw result.error;
      // Manifest problems stay on the manifest box, each with the path inside the manifest.
      const shown = result.error.issues.map((i) =>
        i.path.startsWith('admin.') ? { ...i, path: formPath(i.path) } : { ...i, path: 'manifestText', message: `${i.path.replace(/^manifest\.?/, '') || '—'}: ${i.message}` },
      );
      return render(c, { manifest: { ...view, issues: shown } }, 422);
    });
}
