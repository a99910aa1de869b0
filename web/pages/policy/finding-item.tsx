// One finding as a person reads it: severity, the message, what it is about (linked), the
// clause, and "why?" — the parameter values in force and the facts the rule saw.
import type { FindingJson } from '../../../core/policy-engine/describe-finding.ts';
import type { PageContext } from '../layout.tsx';
import { fieldText } from '../shared/schema-fields.ts';

/** The page of each kind of subject a finding or a reminder is about. */
export const subjectPaths: Record<string, string> = {
  internship: 'internships',
  teacher: 'teachers',
  agreement: 'agreements',
  organization: 'organizations',
  'practice-period': 'teacher-practice-periods',
  major: 'majors',
  student: 'students',
  task: 'tasks',
  'funding-record': 'funding-records',
};

/** Severities as every page lists them: the most severe first. */
export const severityOrder = ['violation', 'warning', 'info'] as const;
export const severityClass: Record<string, string> = { violation: 'bad', warning: 'warn', info: 'info' };

interface Parameter {
  name?: unknown;
  value?: unknown;
  effectiveFrom?: unknown;
  clause?: unknown;
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : fieldText(v));

export function FindingItem(props: { ctx: PageContext; slug: string; finding: FindingJson }) {
  const { ctx, finding } = props;
  const explanation = (finding.explanation ?? {}) as { parameters?: Parameter[]; facts?: Record<string, unknown> };
  const path = subjectPaths[finding.subject.type];
  const isUuid = /^[0-9a-f-]{36}$/i.test(finding.subject.id);
  return (
    <li class={`finding ${severityClass[finding.severity] ?? ''}`}>
      <p class="finding-head">
        <span class={`badge ${severityClass[finding.severity] ?? 'info'}`}>{ctx.t(`severity.${finding.severity}` as never)}</span>{' '}
        {finding.status === 'resolved' ? <span class="badge ok">{ctx.t('findings.status.resolved')}</span> : null}{' '}
        {path && isUuid ? <a href={`/t/${props.slug}/${path}/${finding.subject.id}`}>{finding.message}</a> : <span>{finding.message}</span>}
      </p>
      <p class="muted small">
        {finding.ruleTitle ?? finding.ruleId} · {finding.pluginTitle ?? finding.pluginId} · {ctx.t('findings.clause', { clause: finding.clause })} ·{' '}
        {ctx.t('findings.firstSeen', { at: finding.firstSeenAt.slice(0, 10) })}
      </p>
      <details>
        <summary>{ctx.t('findings.why')}</summary>
        <p>{ctx.t('findings.clause', { clause: finding.clause })}</p>
        {explanation.parameters && explanation.parameters.length > 0 ? (
          <ul class="why">
            {explanation.parameters.map((p) => (
              <li>
                <code>{ctx.t('findings.parameter', { name: show(p.name), value: show(p.value) })}</code>{' '}
                <span class="muted small">{ctx.t('findings.from', { from: show(p.effectiveFrom), clause: show(p.clause) })}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {explanation.facts && Object.keys(explanation.facts).length > 0 ? (
          <dl class="facts">
            {Object.entries(explanation.facts).map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{show(v)}</dd>
              </>
            ))}
          </dl>
        ) : null}
      </details>
    </li>
  );
}
