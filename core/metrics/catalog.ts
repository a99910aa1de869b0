// The named metrics plugins may cite: each one line of definition (what it counts, from which
// table, as of which date), its arguments checked strictly, and the aggregate it adds to its
// family's scan. README.md in this folder is the long form of the same definitions.
import { sql, type RawBuilder } from 'kysely';
import { agreementModes } from '../agreements/schema.ts';
import { baseLevels } from '../bases/schema.ts';
import { designationStages, designations } from '../organizations/schema.ts';
import { isIsoDate } from '../policy/dates.ts';
import type { ScopeType } from '../targets/schema.ts';
import * as f from './facts.ts';
import { MetricNameError, parseMetricName, type ParsedMetricName } from './metric-name.ts';

export interface MetricInstance {
  /** The name as written, e.g. `agreements.active{mode=order_class}`. */
  name: string;
  family: f.Family;
  scopes: readonly ScopeType[];
  /** The aggregate over the family's rows (alias f); with `den`, the value is num / den (1 when den is 0). */
  num: RawBuilder<unknown>;
  den?: RawBuilder<unknown>;
}

interface MetricDef {
  base: string;
  /** How plugins write it, arguments as placeholders. */
  usage: string;
  doc: string;
  make(p: ParsedMetricName): Omit<MetricInstance, 'name'>;
}

const count = (where: RawBuilder<unknown>) => sql`count(*) filter (where ${where})`;
const countDistinct = (col: string, where: RawBuilder<unknown>) => sql`count(distinct ${sql.ref(col)}) filter (where ${where})`;
const sum = (col: string, where: RawBuilder<unknown>) => sql`coalesce(sum(${sql.ref(col)}) filter (where ${where}), 0)`;
const TRUE = sql`true`;

/** Checks the arguments a metric takes; `problem` becomes the MetricNameError. */
class Args {
  constructor(readonly p: ParsedMetricName) {}
  none(): this {
    if (this.p.args.length > 0 || Object.keys(this.p.named).length > 0) throw new Error('takes no arguments');
    return this;
  }
  only(positional: number, named: readonly string[]): this {
    if (this.p.args.length > positional) throw new Error(positional === 0 ? 'takes only key=value arguments' : `takes at most ${positional} bare argument(s)`);
    const extra = Object.keys(this.p.named).filter((k) => !named.includes(k));
    if (extra.length > 0) throw new Error(`unknown argument "${extra[0]}" (known: ${named.join(', ') || 'none'})`);
    return this;
  }
  oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw new Error(`${what} "${value}" is not one of ${allowed.join(', ')}`);
    return value as T;
  }
  required(value: string | undefined, what: string): string {
    if (value === undefined) throw new Error(`needs ${what}`);
    return value;
  }
}

const inForce = (mode: string | undefined) => (mode === undefined ? sql`f.in_force` : sql`f.in_force and f.mode = ${mode}`);

const defs: MetricDef[] = [
  // ---- majors (scopes: tenant, school, major cluster, industry chain) ----
  { base: 'majors.count', usage: 'majors.count', doc: 'Majors open on `at` (majors: opened_on, else the day recorded, ≤ at; closed_on empty or after at).',
    make: (p) => (new Args(p).none(), { family: f.majorsFamily, scopes: f.majorsFamily.scopes, num: count(sql`f.is_open`) }) },
  { base: 'majors.withActiveAgreement', usage: 'majors.withActiveAgreement', doc: 'Open majors named by at least one agreement in force on `at` (majors, agreements.major_id).',
    make: (p) => (new Args(p).none(), { family: f.majorsFamily, scopes: f.majorsFamily.scopes, num: count(sql`f.is_open and f.has_agreement`) }) },
  { base: 'majors.withoutActiveAgreement', usage: 'majors.withoutActiveAgreement', doc: 'Open majors that no agreement in force on `at` names (一专一企业 gaps).',
    make: (p) => (new Args(p).none(), { family: f.majorsFamily, scopes: f.majorsFamily.scopes, num: count(sql`f.is_open and not f.has_agreement`) }) },
  { base: 'majors.createdSince', usage: 'majors.createdSince{YYYY-MM-DD}', doc: 'Majors opened from the given day to `at`, both included, whether or not closed since (majors.opened_on, else the day recorded).',
    make(p) {
      const a = new Args(p).only(1, []);
      const since = a.required(p.args[0], 'a start date, e.g. majors.createdSince{2020-08-09}');
      if (!isIsoDate(since)) throw new Error(`"${since}" is not a YYYY-MM-DD date`);
      return { family: f.majorsFamily, scopes: f.majorsFamily.scopes, num: count(sql`f.opened >= ${since}::date`) };
    } },
  { base: 'majors.lowEmployment', usage: 'majors.lowEmployment{below=60}', doc: 'Open majors whose latest employment rate of a year ≤ at\'s year is below `below` percent (default 60) (major_yearly_stats).',
    make(p) {
      const a = new Args(p).only(0, ['below']);
      const below = Number(a.p.named.below ?? '60');
      if (!Number.isFinite(below) || below <= 0 || below > 100) throw new Error(`below must be a percentage in (0, 100], not "${a.p.named.below}"`);
      return { family: f.majorsFamily, scopes: f.majorsFamily.scopes, num: count(sql`f.is_open and f.employment_rate < ${below}`) };
    } },
  // ---- agreements ----
  { base: 'agreements.active', usage: 'agreements.active{mode=<agreement mode>}', doc: 'Agreements in force on `at`, optionally of one cooperation mode (agreements: status active, validity covering at).',
    make(p) {
      const a = new Args(p).only(0, ['mode']);
      const mode = a.oneOf(p.named.mode, agreementModes, 'mode');
      return { family: f.agreementsFamily, scopes: f.agreementsFamily.scopes, num: count(inForce(mode)) };
    } },
  { base: 'agreements.signedInYear', usage: 'agreements.signedInYear{kind=agreement|intent}', doc: 'Signed from 1 January of at\'s year to `at`: agreements by signed_on (kind=agreement, default), or letters of intent as the sum of events.agreements_signed at matchmaking forums and supply–demand fairs (kind=intent).',
    make(p) {
      const a = new Args(p).only(0, ['kind']);
      const kind = a.oneOf(p.named.kind, ['agreement', 'intent'] as const, 'kind') ?? 'agreement';
      return kind === 'agreement'
        ? { family: f.agreementsFamily, scopes: f.agreementsFamily.scopes, num: count(sql`f.signed_in_year`) }
        : { family: f.eventsFamily, scopes: f.eventsFamily.scopes, num: sum('f.agreements_signed', sql`f.kind in ('matchmaking_forum', 'supply_demand_fair')`) };
    } },
  { base: 'enterprises.withActiveAgreement', usage: 'enterprises.withActiveAgreement', doc: 'Distinct enterprises with at least one agreement in force on `at` (per school: that school\'s partners).',
    make: (p) => (new Args(p).none(), { family: f.agreementsFamily, scopes: f.agreementsFamily.scopes, num: countDistinct('f.enterprise_id', sql`f.in_force`) }) },
  // ---- schools ----
  { base: 'schools.withoutActiveAgreement', usage: 'schools.withoutActiveAgreement', doc: 'Vocational schools (organizations of kind school with a school_level) with no agreement in force on `at`.',
    make: (p) => (new Args(p).none(), { family: f.schoolsFamily, scopes: f.schoolsFamily.scopes, num: count(sql`f.school_level is not null and not f.has_agreement`) }) },
  { base: 'schools.primarySecondary.careerEnlightenment.ratio', usage: 'schools.primarySecondary.careerEnlightenment.ratio',
    doc: 'Share of primary and secondary schools (schools recorded without a vocational school_level) that are the partner of a career-enlightenment base established by `at` or organised a career day in the 365 days up to `at`.',
    make: (p) => (new Args(p).none(), {
      family: f.schoolsFamily, scopes: ['tenant'],
      num: count(sql`f.school_level is null and f.enlightened`), den: count(sql`f.school_level is null`),
    }) },
  // ---- teachers ----
  { base: 'teachers.practiceShort', usage: 'teachers.practiceShort{window=5y,months=6}',
    doc: 'Professional teachers hired on or before the window\'s first day (or hire date unknown) whose enterprise practice in the rolling window ending on `at` is under `months` months (periods merged, whole calendar months per stretch, leftover days pooled at 30).',
    make(p) {
      const a = new Args(p).only(0, ['window', 'months']);
      const window = /^([1-9][0-9]?)y$/.exec(a.required(p.named.window, 'window=<years>y'));
      if (!window) throw new Error(`window must be whole years such as 5y, not "${p.named.window}"`);
      const months = Number(a.required(p.named.months, 'months=<n>'));
      if (!Number.isInteger(months) || months < 1 || months > 120) throw new Error(`months must be a whole number 1–120, not "${p.named.months}"`);
      const family = f.teacherPracticeFamily(Number(window[1]));
      return { family, scopes: family.scopes, num: count(sql`f.eligible and f.practice_months < ${months}`) };
    } },
  { base: 'teachers.practicePeriodsStartedInYear', usage: 'teachers.practicePeriodsStartedInYear', doc: 'Enterprise-practice periods (person-times) starting from 1 January of at\'s year to `at` (teacher_practice_periods.start_on).',
    make: (p) => (new Args(p).none(), { family: f.practicePeriodsFamily, scopes: f.practicePeriodsFamily.scopes, num: count(TRUE) }) },
  // ---- internships and students ----
  { base: 'internships.count', usage: 'internships.count', doc: 'Internships started by `at` and not terminated (internships.start_on, status).',
    make: (p) => (new Args(p).none(), { family: f.internshipsFamily, scopes: f.internshipsFamily.scopes, num: count(sql`f.started`) }) },
  { base: 'internships.insured.ratio', usage: 'internships.insured.ratio', doc: 'Share of internships started by `at` (not terminated) with liability and accident cover under a named policy spanning the whole internship.',
    make: (p) => (new Args(p).none(), { family: f.internshipsFamily, scopes: f.internshipsFamily.scopes, num: count(sql`f.started and f.insured`), den: count(sql`f.started`) }) },
  { base: 'internships.dualEvaluated.ratio', usage: 'internships.dualEvaluated.ratio', doc: 'Share of internships ended by `at` (completed, or ongoing past end_on) that both the school and the enterprise evaluated by the end of `at`.',
    make: (p) => (new Args(p).none(), { family: f.internshipsFamily, scopes: f.internshipsFamily.scopes, num: count(sql`f.ended and f.dual_evaluated`), den: count(sql`f.ended`) }) },
  { base: 'students.inOrderClasses', usage: 'students.inOrderClasses', doc: 'Distinct students in order classes whose cohort year is at\'s year (order_class_students, order_classes.cohort_year).',
    make: (p) => (new Args(p).none(), { family: f.orderClassStudentsFamily, scopes: f.orderClassStudentsFamily.scopes, num: countDistinct('f.student_id', TRUE) }) },
  { base: 'craftsmen.trained', usage: 'craftsmen.trained{since=YYYY-MM-DD}',
    doc: 'Craftsman-type trainees: the sum of trainees of new-apprenticeship trainings (trainings.kind new_apprenticeship) that ended by `at`, and on or after `since` when given.',
    make(p) {
      new Args(p).only(0, ['since']);
      const since = p.named.since;
      if (since !== undefined && !isIsoDate(since)) throw new Error(`since "${since}" is not a YYYY-MM-DD date`);
      const where = since === undefined ? sql`f.kind = 'new_apprenticeship'` : sql`f.kind = 'new_apprenticeship' and f.end_on >= ${since}::date`;
      return { family: f.trainingsFamily, scopes: f.trainingsFamily.scopes, num: sum('f.trainees', where) };
    } },
  // ---- organisations, designations, bases ----
  { base: 'organizations.designated', usage: 'organizations.designated{<designation>,<stage>}',
    doc: 'Distinct enterprises holding the designation (integration_enterprise | pilot_enterprise) at the stage (default: any but revoked) in force on `at` (enterprise_designations).',
    make(p) {
      const a = new Args(p).only(2, []);
      const designation = a.oneOf(a.required(p.args[0], 'a designation'), designations, 'designation')!;
      const stage = a.oneOf(p.args[1], designationStages, 'stage');
      const where = stage === undefined ? sql`f.in_force and f.designation = ${designation} and f.stage <> 'revoked'` : sql`f.in_force and f.designation = ${designation} and f.stage = ${stage}`;
      return { family: f.designationsFamily, scopes: f.designationsFamily.scopes, num: countDistinct('f.enterprise_id', where) };
    } },
  { base: 'bases.careerEnlightenment', usage: 'bases.careerEnlightenment{level=city}', doc: 'Career-enlightenment bases established by `at`, of the given level or above (national > provincial > city > county > school); per school: those it owns.',
    make(p) {
      const a = new Args(p).only(0, ['level']);
      const level = a.oneOf(p.named.level, baseLevels, 'level');
      const levels = level === undefined ? [...baseLevels] : baseLevels.slice(0, baseLevels.indexOf(level) + 1);
      const where = sql`f.kind = 'career_enlightenment' and f.level in (${sql.join(levels.map((l) => sql`${l}`))})`;
      return { family: f.basesFamily, scopes: f.basesFamily.scopes, num: count(where) };
    } },
  { base: 'group.industryCommittees', usage: 'group.industryCommittees', doc: 'Industry–education committees: organizations of kind association (records carry no founding date: the count now).',
    make: (p) => (new Args(p).none(), { family: f.organizationsFamily, scopes: f.organizationsFamily.scopes, num: count(sql`f.kind = 'association'`) }) },
  // ---- events, year to date ----
  ...eventMetric('group.boardMeetings', 'Board meetings held from 1 January of at\'s year to `at` (events.kind board_meeting).', count(sql`f.kind = 'board_meeting'`)),
  ...eventMetric('matching.forums', 'Matchmaking forums held this year up to `at` (events.kind matchmaking_forum).', count(sql`f.kind = 'matchmaking_forum'`)),
  ...eventMetric('matching.forumCommittees', 'Distinct committees (organisers of kind association) of this year\'s matchmaking forums up to `at`.',
    countDistinct('f.organiser_id', sql`f.kind = 'matchmaking_forum' and f.organiser_kind = 'association'`)),
  ...eventMetric('matching.forumDepartments', 'Distinct departments (organisers of kind department) of this year\'s matchmaking forums up to `at`.',
    countDistinct('f.organiser_id', sql`f.kind = 'matchmaking_forum' and f.organiser_kind = 'department'`)),
  ...eventMetric('matching.forumEnterprises', 'Enterprises attending this year\'s matchmaking forums up to `at` (sum of events.enterprise_count).', sum('f.enterprise_count', sql`f.kind = 'matchmaking_forum'`)),
  ...eventMetric('matching.enterpriseVisits', 'Enterprises visited this year up to `at`: the sum of events.enterprise_count of open days (events.kind open_day).', sum('f.enterprise_count', sql`f.kind = 'open_day'`)),
  ...eventMetric('majors.reviewRounds', 'Major-layout defence reviews this year up to `at`: committee meetings whose title contains 答辩.', count(sql`f.kind = 'committee_meeting' and f.title like '%答辩%'`)),
];

function eventMetric(base: string, doc: string, num: RawBuilder<unknown>): MetricDef[] {
  return [{ base, usage: base, doc, make: (p) => (new Args(p).none(), { family: f.eventsFamily, scopes: f.eventsFamily.scopes, num }) }];
}

const byBase = new Map(defs.map((d) => [d.base, d]));

/** Every metric as plugins write it (arguments as placeholders), with its definition. */
export const metricCatalog: readonly { usage: string; doc: string }[] = defs.map(({ usage, doc }) => ({ usage, doc }));
export const metricNames: readonly string[] = defs.map((d) => d.base);

/** The metric `name` with its arguments checked; a MetricNameError says what is wrong. */
export function resolveMetric(name: string): MetricInstance {
  const parsed = parseMetricName(name);
  const def = byBase.get(parsed.base);
  if (!def) throw new MetricNameError(name, `unknown metric "${parsed.base}"`);
  try {
    return { name, ...def.make(parsed) };
  } catch (error) {
    if (error instanceof MetricNameError) throw error;
    throw new MetricNameError(name, `${(error as Error).message} (usage: ${def.usage})`);
  }
}

export function isKnownMetric(name: string): boolean {
  try {
    resolveMetric(name);
    return true;
  } catch {
    return false;
  }
}
