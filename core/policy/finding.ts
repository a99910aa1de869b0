// What rules report: a subject, a severity and a message id with params, plus an explanation of
// the parameter values (with their dates and clauses) and facts behind it, so the UI can answer "why?".
import type { IsoDate } from './dates.ts';
import type { MessageParams } from './messages.ts';
import type { ParameterReading } from './parameters.ts';

export const severities = ['info', 'warning', 'violation'] as const;
export type Severity = (typeof severities)[number];

export const subjectTypes = ['tenant', 'organization', 'teacher', 'practice-period', 'internship', 'agreement', 'funding-record'] as const;
export type SubjectType = (typeof subjectTypes)[number];

export interface Subject {
  type: SubjectType;
  id: string;
}

export type Facts = Readonly<Record<string, string | number | boolean | null>>;

/** What a rule returns; the engine adds the rule, the plugin and the parameter readings. */
export interface RuleFinding<MessageId extends string = string> {
  subject: Subject;
  severity: Severity;
  messageId: MessageId;
  params?: MessageParams;
  /** Defaults to the rule's clause; set it when one rule checks several clauses. */
  clause?: string;
  /** The facts the rule read, e.g. `{ practiceDays: 150, windowStart: '2020-11-25' }`. */
  facts?: Facts;
}

export interface Explanation {
  /** Every parameter value the rule was handed while it ran, with its effective date and clause. */
  parameters: readonly ParameterReading[];
  facts: Facts;
}

export interface Finding {
  pluginId: string;
  pluginVersion: string;
  /** Namespaced by the plugin that declares the rule: `<plugin-id>/<rule-id>`. */
  ruleId: string;
  subject: Subject;
  severity: Severity;
  messageId: string;
  params: MessageParams;
  clause: string;
  at: IsoDate;
  explanation: Explanation;
}

/** The key findings are deduplicated on when stored: one open finding per rule and subject. */
export const findingKey = (f: Pick<Finding, 'ruleId' | 'subject'>) => `${f.ruleId}|${f.subject.type}:${f.subject.id}`;
