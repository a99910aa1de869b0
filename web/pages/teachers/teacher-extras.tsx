// A teacher's page: the enterprise practice of the rolling five years as a timeline, with the
// window's total days, so a school sees at a glance whether the 6-months-in-5-years rule holds.
import type { Context } from 'hono';
import type { AppEnv } from '../../../core/http/app-env.ts';
import type { PageContext } from '../layout.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';

interface Summary {
  at: string;
  windowStart: string;
  windowEnd: string;
  days: number;
}

const DAY = 86_400_000;

export function teacherExtras(api: ApiBridge, pageCtx: (c: Context<AppEnv>) => PageContext) {
  return async (c: Context<AppEnv>, record: Record<string, unknown>) => {
    const ctx = pageCtx(c);
    const id = String(record.id);
    const { body: summary } = await api<Summary>(c, 'GET', `/teachers/${id}/practice-summary`);
    const periods = await c
      .get('tx')
      .selectFrom('teacher_practice_periods')
      .select(['id', 'enterprise_name', 'start_on', 'end_on', 'enterprise_rating'])
      .where('teacher_id', '=', id)
      .where('end_on', '>=', summary.windowStart)
      .orderBy('start_on')
      .limit(100)
      .execute();
    const start = Date.parse(summary.windowStart);
    const span = Date.parse(summary.windowEnd) - start || 1;
    const pct = (day: string) => Math.min(100, Math.max(0, ((Date.parse(day) - start) / span) * 100));
    const years = [0, 1, 2, 3, 4, 5].map((i) => Number(summary.windowStart.slice(0, 4)) + i);
    const slug = c.get('tenant').slug;
    return (
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{ctx.t('teacher.timeline')}</h2>
        <p class="muted small">{ctx.t('teacher.window', { start: summary.windowStart, end: summary.windowEnd })}</p>
        <p class="total">
          <strong>{ctx.t('teacher.total', { days: summary.days, months: (summary.days / 30).toFixed(1) })}</strong>
        </p>
        {/* SVG, not styled boxes: the CSP allows no inline styles, and SVG scales to a phone. */}
        <svg class="timeline" viewBox="0 0 1000 60" preserveAspectRatio="none" role="img" aria-label={ctx.t('teacher.total', { days: summary.days, months: (summary.days / 30).toFixed(1) })}>
          <rect x="0" y="0" width="1000" height="60" fill="#f5f7fa" />
          {years.map((y) => (
            <>
              <line x1={pct(`${y}-01-01`) * 10} x2={pct(`${y}-01-01`) * 10} y1="0" y2="60" stroke="#d9e0e8" />
              <text x={pct(`${y}-01-01`) * 10 + 4} y="14" font-size="12" fill="#5f6b7a">
                {y}
              </text>
            </>
          ))}
          {periods.map((p) => {
            const left = pct(String(p.start_on));
            const width = Math.max(0.8, pct(String(p.end_on)) - left + (DAY / span) * 100);
            return (
              <rect x={left * 10} y="26" width={width * 10} height="22" rx="3" fill="#0f6b5c">
                <title>{`${p.enterprise_name} ${String(p.start_on)} – ${String(p.end_on)}`}</title>
              </rect>
            );
          })}
        </svg>
        {periods.length === 0 ? (
          <p class="empty">{ctx.t('teacher.noPeriods')}</p>
        ) : (
          <ul class="periods">
            {periods.map((p) => (
              <li>
                <a href={`/t/${slug}/teacher-practice-periods/${p.id}`}>{p.enterprise_name}</a> {String(p.start_on)} – {String(p.end_on)}
                {p.enterprise_rating ? <span class="muted"> · {ctx.t(`practiceRating.${p.enterprise_rating}` as never)}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a class="button" href={`/t/${slug}/teacher-practice-periods/new?teacherId=${id}`}>
            {ctx.t('teacher.addPeriod')}
          </a>
        </p>
      </section>
    );
  };
}
