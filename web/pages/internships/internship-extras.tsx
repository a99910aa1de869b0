// What an internship page shows above its form: the insurance status (prominent when missing)
// and the two-sided evaluation, with a form for each side the signed-in person may sign.
import type { Context } from 'hono';
import type { FieldIssue } from '../../../core/errors/app-error.ts';
import type { AppEnv } from '../../../core/http/app-env.ts';
import type { PageContext } from '../layout.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { fieldText } from '../shared/schema-fields.ts';
import { problemsOf } from '../shared/schema-form.tsx';

interface Side {
  score: number;
  comment: string | null;
  evaluatorName?: string;
  evaluatedAt: string;
  version: number;
}
interface Evaluation {
  school: Side | null;
  enterprise: Side | null;
  final: { score: number } | null;
}

/** A refused evaluation, kept for the page that shows it again next to its field. */
export const evaluationRefusals = new WeakMap<Context<AppEnv>, { side: string; issues: FieldIssue[]; values: Record<string, string> }>();

const signs = (role: string): ('school' | 'enterprise')[] =>
  role === 'enterprise_mentor' ? ['enterprise'] : role === 'school_admin' || role === 'teacher' ? ['school'] : [];

export function internshipExtras(api: ApiBridge, pageCtx: (c: Context<AppEnv>) => PageContext) {
  return async (c: Context<AppEnv>, record: Record<string, unknown>) => {
    const ctx = pageCtx(c);
    const { body: evaluation } = await api<Evaluation>(c, 'GET', `/internships/${fieldText(record.id)}/evaluation`);
    const refused = evaluationRefusals.get(c);
    const mine = signs(c.get('auth')!.user.role);
    const action = `/t/${c.get('tenant').slug}/internships/${fieldText(record.id)}/evaluations`;
    const sides = [
      ['school', 'internship.schoolSide'],
      ['enterprise', 'internship.enterpriseSide'],
    ] as const;
    return (
      <>
        {record.insured ? (
          <p class="insurance ok" role="status">
            <strong>{ctx.t('insurance.ok')}</strong> {fieldText(record.insurer)} {fieldText(record.policyNumber)}
          </p>
        ) : (
          <p class="insurance bad" role="alert">
            <strong>{ctx.t('insurance.missing')}</strong> {ctx.t('insurance.missingLong')}
          </p>
        )}
        {c.req.query('evaluated') ? (
          <p class="success" role="status">
            {ctx.t('internship.evaluated')}
          </p>
        ) : null}
        <section class="card" aria-labelledby="evaluation-title">
          <h2 id="evaluation-title">{ctx.t('internship.evaluation')}</h2>
          <p>{evaluation.final ? <strong>{ctx.t('internship.final', { score: evaluation.final.score })}</strong> : <span class="muted">{ctx.t('internship.finalPending')}</span>}</p>
          <div class="two-col">
            {sides.map(([side, title]) => {
              const given = evaluation[side];
              const own = refused?.side === side ? refused : undefined;
              const scoreProblem = problemsOf(own?.issues, 'score');
              const commentProblem = problemsOf(own?.issues, 'comment');
              const other = own?.issues.filter((i) => i.path !== 'score' && i.path !== 'comment').map((i) => i.message).join(' ');
              return (
                <div class="side">
                  <h3>{ctx.t(title)}</h3>
                  {given ? (
                    <p>
                      <strong class="score">{given.score}</strong>{' '}
                      <span class="muted small">{ctx.t('internship.by', { name: given.evaluatorName ?? '', at: given.evaluatedAt.slice(0, 10) })}</span>
                      {given.comment ? <><br />{given.comment}</> : null}
                    </p>
                  ) : (
                    <p class="muted">{ctx.t('internship.notYet')}</p>
                  )}
                  {mine.includes(side) ? (
                    <form method="post" action={`${action}/${side}`} class="form" novalidate>
                      {other ? <p class="error" role="alert">{other}</p> : null}
                      {given ? <input type="hidden" name="version" value={String(given.version)} /> : null}
                      <label for={`score-${side}`}>{ctx.t('internship.score')}</label>
                      <input
                        id={`score-${side}`}
                        name="score"
                        type="number"
                        min="0"
                        max="100"
                        step="any"
                        inputmode="decimal"
                        required
                        value={own?.values.score ?? (given ? String(given.score) : '')}
                        aria-invalid={scoreProblem ? 'true' : undefined}
                        aria-describedby={scoreProblem ? `score-${side}-error` : undefined}
                      />
                      {scoreProblem ? <p class="field-error" id={`score-${side}-error`}>{scoreProblem}</p> : null}
                      <label for={`comment-${side}`}>{ctx.t('internship.comment')}</label>
                      <textarea id={`comment-${side}`} name="comment" rows={3} maxlength={2000} aria-invalid={commentProblem ? 'true' : undefined}>
                        {own?.values.comment ?? given?.comment ?? ''}
                      </textarea>
                      {commentProblem ? <p class="field-error">{commentProblem}</p> : null}
                      <button type="submit" class="primary">
                        {ctx.t('internship.evaluate')}
                      </button>
                    </form>
                  ) : null}
                </div>
              );
            })}
          </div>
        </section>
      </>
    );
  };
}
