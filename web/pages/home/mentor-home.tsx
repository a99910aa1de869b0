// An enterprise mentor's home: the interns assigned to them, each with insurance and whether
// the mentor has evaluated yet, and the way to post the enterprise's talent demand.
import { sql } from 'kysely';
import type { Tx } from '../../../core/db/database.ts';
import { isInsured } from '../../../core/internships/insured.ts';
import { Layout, type PageContext } from '../layout.tsx';

export interface MentorIntern {
  id: string;
  student: string;
  position: string | null;
  startOn: string;
  endOn: string;
  insured: boolean;
  score: number | null;
}

export async function mentorInterns(tx: Tx, userId: string): Promise<MentorIntern[]> {
  const rows = await tx
    .selectFrom('internships as i')
    .innerJoin('students as s', (j) => j.onRef('s.tenant_id', '=', 'i.tenant_id').onRef('s.id', '=', 'i.student_id'))
    .leftJoin('internship_evaluations as e', (j) => j.onRef('e.tenant_id', '=', 'i.tenant_id').onRef('e.internship_id', '=', 'i.id').on('e.side', '=', 'enterprise'))
    .select([
      'i.id',
      's.name as student',
      'i.position',
      sql<string>`i.start_on::text`.as('start_on'),
      sql<string>`i.end_on::text`.as('end_on'),
      sql<string | null>`i.insurance_start::text`.as('insurance_start'),
      sql<string | null>`i.insurance_end::text`.as('insurance_end'),
      'i.policy_number',
      'i.liability_insurance',
      'i.accident_insurance',
      'e.score',
    ])
    .where('i.enterprise_mentor_user_id', '=', userId)
    .orderBy('i.start_on', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    student: r.student,
    position: r.position,
    startOn: r.start_on,
    endOn: r.end_on,
    insured: isInsured(r),
    score: r.score === null ? null : Number(r.score),
  }));
}

export function MentorHome(props: { ctx: PageContext; slug: string; userName: string; interns: MentorIntern[] }) {
  const { ctx, slug } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('mentor.title')}>
      <section class="card">
        <div class="title-row">
          <h1>{ctx.t('mentor.title')}</h1>
          <a class="button primary" href={`/t/${slug}/talent-demand-posts/new`}>
            {ctx.t('demand.post')}
          </a>
        </div>
        <p class="muted">{ctx.t('home.welcome', { name: props.userName })} · {ctx.t('mentor.intro')}</p>
      </section>
      <section class="card" aria-labelledby="interns-title">
        <h2 id="interns-title">{ctx.t('nav.myInterns')}</h2>
        {props.interns.length === 0 ? (
          <p class="empty">{ctx.t('mentor.noInterns')}</p>
        ) : (
          <ul class="interns">
            {props.interns.map((i) => (
              <li>
                <a href={`/t/${slug}/internships/${i.id}`}>
                  <strong>{i.student}</strong>
                </a>{' '}
                {i.insured ? <span class="badge ok">{ctx.t('insurance.ok')}</span> : <span class="badge bad">{ctx.t('insurance.missing')}</span>}{' '}
                {i.score === null ? <span class="badge warn">{ctx.t('mentor.toEvaluate')}</span> : <span class="badge ok">{ctx.t('mentor.evaluated', { score: i.score })}</span>}
                <br />
                <span class="muted small">
                  {i.position ?? ''} {i.startOn} – {i.endOn}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
