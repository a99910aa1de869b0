// A school's home: what needs doing now (uninsured interns, agreements about to expire, open
// findings) with links, and the counts of what the school has recorded.
import { sql } from 'kysely';
import type { Tx } from '../../../core/db/database.ts';
import { Layout, type PageContext } from '../layout.tsx';

export interface SchoolHomeData {
  uninsured: number;
  expiring: number;
  openFindings: number;
  counts: { internships: number; agreements: number; teachers: number; students: number; enterprises: number };
}

export async function schoolHomeData(tx: Tx, schoolId: string | null, today: string): Promise<SchoolHomeData> {
  const school = schoolId ?? '00000000-0000-0000-0000-000000000000';
  const { rows } = await sql<{ uninsured: string; expiring: string; internships: string; agreements: string; teachers: string; students: string; enterprises: string }>`
    select
      (select count(*) from internships i join students s on s.tenant_id = i.tenant_id and s.id = i.student_id
        where s.school_id = ${school} and i.status in ('planned', 'ongoing')
          and not (i.liability_insurance and i.accident_insurance and coalesce(trim(i.policy_number), '') <> ''
            and i.insurance_start <= i.start_on and i.insurance_end >= i.end_on)) as uninsured,
      (select count(*) from agreements where school_id = ${school} and status = 'active'
        and valid_until between ${today}::date and ${today}::date + 60) as expiring,
      (select count(*) from internships i join students s on s.tenant_id = i.tenant_id and s.id = i.student_id where s.school_id = ${school}) as internships,
      (select count(*) from agreements where school_id = ${school}) as agreements,
      (select count(*) from teachers where school_id = ${school}) as teachers,
      (select count(*) from students where school_id = ${school}) as students,
      (select count(distinct enterprise_id) from agreements where school_id = ${school}) as enterprises`.execute(tx);
  const r = rows[0]!;
  return {
    uninsured: Number(r.uninsured),
    expiring: Number(r.expiring),
    openFindings: 0,
    counts: { internships: Number(r.internships), agreements: Number(r.agreements), teachers: Number(r.teachers), students: Number(r.students), enterprises: Number(r.enterprises) },
  };
}

export function SchoolHome(props: { ctx: PageContext; slug: string; userName: string; data: SchoolHomeData }) {
  const { ctx, data, slug } = props;
  const base = `/t/${slug}`;
  const tiles = [
    ['internships', data.counts.internships, 'res.internships'],
    ['agreements', data.counts.agreements, 'res.agreements'],
    ['teachers', data.counts.teachers, 'res.teachers'],
    ['students', data.counts.students, 'res.students'],
    ['organizations?kind=enterprise', data.counts.enterprises, 'res.enterprises'],
  ] as const;
  return (
    <Layout ctx={ctx} title={ctx.t('workspace.title')}>
      <section class="card">
        <h1>{ctx.t('workspace.title')}</h1>
        <p class="muted">{ctx.t('home.welcome', { name: props.userName })} · {ctx.t('workspace.intro')}</p>
      </section>
      <section class="card" aria-labelledby="attention-title">
        <h2 id="attention-title">{ctx.t('workspace.attention')}</h2>
        <ul class="attention">
          <li class={data.uninsured > 0 ? 'bad' : 'ok'}>
            <a href={`${base}/internships`}>{ctx.t('workspace.uninsured', { count: data.uninsured })}</a>
          </li>
          <li class={data.expiring > 0 ? 'warn' : 'ok'}>
            <a href={`${base}/agreements?expiringWithinDays=60`}>{ctx.t('workspace.expiring', { count: data.expiring })}</a>
          </li>
          <li class={data.openFindings > 0 ? 'warn' : 'ok'}>
            <a href={`${base}/findings`}>{ctx.t('workspace.findings', { count: data.openFindings })}</a>
          </li>
        </ul>
      </section>
      <section class="card">
        <ul class="tiles">
          {tiles.map(([path, n, label]) => (
            <li>
              <a href={`${base}/${path}`}>
                <strong>{n}</strong>
                <span>{ctx.t(label)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
