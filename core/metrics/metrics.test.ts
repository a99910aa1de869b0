// Specification of the metric catalogue on real rows: each metric counts what its definition says
// as of `at`, at the edges (the day before, the day itself, the day after), per scope, and a bad
// name is refused with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '../db/database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeTenant } from '../../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { isKnownMetric, metricNames, resolveMetric } from './catalog.ts';
import { computeMetric, type Scope } from './compute-metric.ts';
import { rows, type Rows } from './metric-fixtures.ts';

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
});
afterAll(() => tdb.drop());

/** A fresh tenant with the rows `seed` writes; returns a reader of metrics in that tenant. */
async function given<T>(seed: (r: Rows, tx: Tx) => Promise<T>) {
  const tenant = await makeTenant(db);
  const made = await withTenant(db, tenant.id, (tx) => seed(rows(tx, tenant.id), tx));
  const value = (name: string, at: string, scope?: Scope) => withTenant(db, tenant.id, (tx) => computeMetric(tx, name, { at, scope }));
  return { tenant, made, value };
}

describe('agreements', () => {
  it('counts an agreement in force on `at`: not the day after it ends, not before it starts, not a draft, not another mode', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      const e = await r.org('enterprise');
      const base = { mode: 'shared_training_base' };
      await r.agreement(s, e, { ...base, valid_from: '2023-01-01', valid_until: '2024-06-30' });
      await r.agreement(s, e, { ...base, valid_from: '2024-07-01', valid_until: null });
      await r.agreement(s, e, { ...base, status: 'draft' });
      await r.agreement(s, e, { mode: 'order_class' });
    });
    expect(await value('agreements.active{mode=shared_training_base}', '2024-06-30')).toBe(1);
    expect(await value('agreements.active{mode=shared_training_base}', '2024-07-01')).toBe(1);
    expect(await value('agreements.active{mode=shared_training_base}', '2022-12-31')).toBe(0);
    expect(await value('agreements.active', '2024-06-30')).toBe(2);
  });

  it('counts per school, per major cluster and per industry chain through the agreement’s major, 0 for a scope without any', async () => {
    const { made, value } = await given(async (r) => {
      const [s1, s2] = [await r.school(), await r.school()];
      const chain = await r.chain();
      const cluster = await r.cluster(s1, { industry_chain_id: chain });
      const major = await r.major(s1, { cluster_id: cluster });
      const e = await r.org('enterprise');
      await r.agreement(s1, e, { major_id: major });
      await r.agreement(s1, e);
      return { s1, s2, cluster, chain };
    });
    expect(await value('agreements.active', '2024-01-01', { type: 'school', id: made.s1 })).toBe(2);
    expect(await value('agreements.active', '2024-01-01', { type: 'school', id: made.s2 })).toBe(0);
    expect(await value('agreements.active', '2024-01-01', { type: 'majorCluster', id: made.cluster })).toBe(1);
    expect(await value('agreements.active', '2024-01-01', { type: 'industryChain', id: made.chain })).toBe(1);
  });

  it('counts an enterprise with two agreements in force once', async () => {
    const { value } = await given(async (r) => {
      const [s1, s2] = [await r.school(), await r.school()];
      const [e1, e2] = [await r.org('enterprise'), await r.org('enterprise')];
      await r.agreement(s1, e1);
      await r.agreement(s2, e1);
      await r.agreement(s2, e2, { valid_until: '2023-12-31' });
    });
    expect(await value('enterprises.withActiveAgreement', '2024-01-01')).toBe(1);
    expect(await value('enterprises.withActiveAgreement', '2023-12-31')).toBe(2);
  });

  it('counts agreements signed this year up to `at`, and letters of intent from the events', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      const e = await r.org('enterprise');
      for (const signed of ['2023-12-31', '2024-01-01', '2024-05-01', '2024-05-02']) await r.agreement(s, e, { signed_on: signed });
      await r.event('matchmaking_forum', '2024-03-01', { agreements_signed: 7 });
      await r.event('supply_demand_fair', '2024-04-01', { agreements_signed: 3 });
      await r.event('open_day', '2024-04-01', { agreements_signed: 100 });
      await r.event('matchmaking_forum', '2023-03-01', { agreements_signed: 50 });
    });
    expect(await value('agreements.signedInYear', '2024-05-01')).toBe(2);
    expect(await value('agreements.signedInYear{kind=intent}', '2024-05-01')).toBe(10);
  });
});

describe('majors', () => {
  it('counts majors open on `at`: opened by then, not closed on or before it', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      await r.major(s, { opened_on: '2024-09-01' });
      await r.major(s, { opened_on: '2015-09-01', closed_on: '2024-08-31' });
      await r.major(s, { opened_on: '2015-09-01', closed_on: '2024-09-01' });
    });
    expect(await value('majors.count', '2024-08-30')).toBe(2);
    expect(await value('majors.count', '2024-08-31')).toBe(1);
    expect(await value('majors.count', '2024-09-01')).toBe(1);
  });

  it('splits open majors into those an agreement in force names and those none does', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      const e = await r.org('enterprise');
      const [m1, m2] = [await r.major(s), await r.major(s)];
      await r.major(s);
      await r.agreement(s, e, { major_id: m1 });
      await r.agreement(s, e, { major_id: m1, mode: 'post_internship' });
      await r.agreement(s, e, { major_id: m2, valid_until: '2023-12-31' });
    });
    expect(await value('majors.withActiveAgreement', '2024-01-01')).toBe(1);
    expect(await value('majors.withoutActiveAgreement', '2024-01-01')).toBe(2);
    expect(await value('majors.withActiveAgreement', '2023-12-31')).toBe(2);
  });

  it('counts majors opened from the given day to `at`', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      for (const opened of ['2020-08-08', '2020-08-09', '2021-09-01', '2026-09-01']) await r.major(s, { opened_on: opened });
      await r.major(s, { opened_on: '2021-09-01', closed_on: '2023-07-01' });
    });
    expect(await value('majors.createdSince{2020-08-09}', '2025-12-31')).toBe(3);
    expect(await value('majors.createdSince{2020-08-09}', '2020-08-09')).toBe(1);
  });

  it('flags open majors whose latest employment rate up to `at`’s year is below the threshold', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      const [a, b, c] = [await r.major(s), await r.major(s), await r.major(s)];
      await r.majorStats(a, 2023, 59.99);
      await r.majorStats(b, 2023, 60);
      await r.majorStats(c, 2022, 50);
      await r.majorStats(c, 2023, 80);
      await r.majorStats(b, 2025, 10);
    });
    expect(await value('majors.lowEmployment', '2024-06-30')).toBe(1);
    expect(await value('majors.lowEmployment{below=70}', '2024-06-30')).toBe(2);
    expect(await value('majors.lowEmployment', '2022-12-31')).toBe(1);
  });
});

describe('schools', () => {
  it('counts vocational schools without an agreement in force, per school 1 or 0', async () => {
    const { made, value } = await given(async (r) => {
      const [s1, s2] = [await r.school(), await r.school()];
      await r.school({ school_level: null });
      await r.agreement(s1, await r.org('enterprise'), { valid_until: '2024-06-30' });
      return { s1, s2 };
    });
    expect(await value('schools.withoutActiveAgreement', '2024-06-30')).toBe(1);
    expect(await value('schools.withoutActiveAgreement', '2024-07-01')).toBe(2);
    expect(await value('schools.withoutActiveAgreement', '2024-07-01', { type: 'school', id: made.s2 })).toBe(1);
  });

  it('gives the share of primary and secondary schools reached by career enlightenment, 1 when there are none', async () => {
    const empty = await given(async () => undefined);
    expect(await empty.value('schools.primarySecondary.careerEnlightenment.ratio', '2024-06-30')).toBe(1);
    const { value } = await given(async (r) => {
      const vocational = await r.school();
      const [p1, p2] = [await r.school({ school_level: null }), await r.school({ school_level: null })];
      await r.school({ school_level: null });
      await r.school({ school_level: null });
      await r.base(vocational, { partner_id: p1, established_on: '2024-03-01' });
      await r.event('career_day', '2023-07-01', { organiser_id: p2 });
    });
    expect(await value('schools.primarySecondary.careerEnlightenment.ratio', '2024-03-01')).toBe(0.5);
    expect(await value('schools.primarySecondary.careerEnlightenment.ratio', '2024-06-30')).toBe(0.25);
  });

  it('is not defined per school for the primary/secondary share', async () => {
    const { value } = await given(async () => undefined);
    await expect(value('schools.primarySecondary.careerEnlightenment.ratio', '2024-06-30', { type: 'school', id: '00000000-0000-0000-0000-000000000000' })).rejects.toThrow(/not defined per school/);
  });
});

describe('teachers', () => {
  const short = 'teachers.practiceShort{window=5y,months=6}';

  it('passes exactly 6 calendar months and fails one day less', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      await r.practice(await r.teacher(s), '2023-01-01', '2023-06-30');
      await r.practice(await r.teacher(s), '2023-01-01', '2023-06-29');
    });
    expect(await value(short, '2024-06-30')).toBe(1);
  });

  it('adds up separate stretches (cumulative), merges overlaps, and cuts at the window’s first day', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      const two = await r.teacher(s);
      await r.practice(two, '2022-01-01', '2022-03-31');
      await r.practice(two, '2023-07-01', '2023-09-30');
      const overlapping = await r.teacher(s);
      await r.practice(overlapping, '2022-01-01', '2022-04-30');
      await r.practice(overlapping, '2022-03-01', '2022-06-29');
      const edge = await r.teacher(s);
      await r.practice(edge, '2019-06-15', '2019-12-14');
    });
    // For 2024-06-14 the window starts 2019-06-15: `edge` has exactly 6 months.
    expect(await value(short, '2024-06-14')).toBe(1);
    // A day later it starts 2019-06-16: 5 months 29 days, short.
    expect(await value(short, '2024-06-15')).toBe(2);
  });

  it('leaves out teachers hired inside the window and non-professional ones, and counts per school', async () => {
    const { made, value } = await given(async (r) => {
      const [s1, s2] = [await r.school(), await r.school()];
      await r.teacher(s1, { hire_date: '2019-07-01' });
      await r.teacher(s1, { hire_date: '2019-07-02' });
      await r.teacher(s1, { is_professional: false });
      await r.teacher(s2, { hire_date: null });
      return { s1, s2 };
    });
    expect(await value(short, '2024-06-30')).toBe(2);
    expect(await value(short, '2024-06-30', { type: 'school', id: made.s1 })).toBe(1);
  });

  it('counts practice periods started this year up to `at`', async () => {
    const { value } = await given(async (r) => {
      const t = await r.teacher(await r.school());
      for (const start of ['2023-12-31', '2024-01-01', '2024-06-30', '2024-07-01']) await r.practice(t, start, '2024-12-31');
    });
    expect(await value('teachers.practicePeriodsStartedInYear', '2024-06-30')).toBe(2);
  });
});

describe('internships', () => {
  it('gives the insured share of started internships: cover ending a day early does not count, terminated ones are left out', async () => {
    const { made, value } = await given(async (r) => {
      const [s1, s2] = [await r.school(), await r.school()];
      const e = await r.org('enterprise');
      await r.internship(await r.student(s1), e, r.insured);
      await r.internship(await r.student(s1), e, { ...r.insured, insurance_end: '2024-08-30' });
      await r.internship(await r.student(s1), e, { ...r.insured, policy_number: ' ' });
      await r.internship(await r.student(s1), e, { status: 'terminated' });
      await r.internship(await r.student(s2), e, { ...r.insured, start_on: '2024-09-01', end_on: '2024-12-31', insurance_start: '2024-09-01', insurance_end: '2024-12-31' });
      return { s1, s2 };
    });
    expect(await value('internships.insured.ratio', '2024-08-31')).toBeCloseTo(1 / 3, 5);
    expect(await value('internships.insured.ratio', '2024-09-01')).toBe(0.5);
    expect(await value('internships.insured.ratio', '2024-08-31', { type: 'school', id: made.s2 })).toBe(1);
    expect(await value('internships.count', '2024-09-01')).toBe(4);
  });

  it('gives the share of ended internships evaluated by both sides by the end of `at`', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      const e = await r.org('enterprise');
      const u = await r.user();
      const both = await r.internship(await r.student(s), e, { status: 'completed' });
      await r.evaluation(both, 'school', u);
      // 2024-09-10 23:30 in Shanghai: still the 10th there.
      await r.evaluation(both, 'enterprise', u, new Date('2024-09-10T15:30:00Z'));
      const one = await r.internship(await r.student(s), e, { status: 'ongoing' });
      await r.evaluation(one, 'school', u);
      await r.internship(await r.student(s), e, { status: 'ongoing', end_on: '2024-12-31' });
    });
    expect(await value('internships.dualEvaluated.ratio', '2024-09-09')).toBe(0);
    expect(await value('internships.dualEvaluated.ratio', '2024-09-10')).toBe(0.5);
  });

  it('counts the students of this year’s order classes once, per major cluster too', async () => {
    const { made, value } = await given(async (r) => {
      const s = await r.school();
      const cluster = await r.cluster(s);
      const m = await r.major(s, { cluster_id: cluster });
      const a = await r.agreement(s, await r.org('enterprise'));
      const [c2024, c2024b, c2023] = [await r.orderClass(a, 2024), await r.orderClass(a, 2024), await r.orderClass(a, 2023)];
      const st1 = await r.student(s, { major_id: m });
      await r.orderClassStudent(c2024, st1);
      await r.orderClassStudent(c2024b, st1);
      await r.orderClassStudent(c2024, await r.student(s));
      await r.orderClassStudent(c2023, await r.student(s));
      return { cluster };
    });
    expect(await value('students.inOrderClasses', '2024-06-30')).toBe(2);
    expect(await value('students.inOrderClasses', '2024-06-30', { type: 'majorCluster', id: made.cluster })).toBe(1);
  });
});

describe('organisations, bases, events, trainings', () => {
  it('counts enterprises designated at a stage in force on `at`', async () => {
    const { value } = await given(async (r) => {
      const [e1, e2, e3] = [await r.org('enterprise'), await r.org('enterprise'), await r.org('enterprise')];
      await r.designation(e1, { designated_on: '2023-12-31' });
      await r.designation(e1, { designated_on: '2022-01-01', level: 'city' });
      await r.designation(e2, { stage: 'cultivating' });
      await r.designation(e3, { expires_on: '2023-12-30' });
    });
    const certified = 'organizations.designated{integration_enterprise,certified}';
    expect(await value(certified, '2023-12-30')).toBe(2);
    expect(await value(certified, '2023-12-31')).toBe(1);
    expect(await value('organizations.designated{integration_enterprise}', '2023-12-31')).toBe(2);
    expect(await value('organizations.designated{pilot_enterprise}', '2023-12-31')).toBe(0);
  });

  it('counts career-enlightenment bases of a level or above, established by `at`', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      await r.base(s, { level: 'county' });
      await r.base(s, { level: 'provincial' });
      await r.base(s, { level: 'city', established_on: '2024-07-01' });
      await r.base(s, { level: 'city', kind: 'training' });
    });
    expect(await value('bases.careerEnlightenment{level=city}', '2024-06-30')).toBe(1);
    expect(await value('bases.careerEnlightenment{level=city}', '2024-07-01')).toBe(2);
    expect(await value('bases.careerEnlightenment', '2024-07-01')).toBe(3);
  });

  it('counts this year’s events up to `at`: forums, their committees and departments, enterprises, visits, board meetings, reviews', async () => {
    const { value } = await given(async (r) => {
      const [c1, d1] = [await r.org('association'), await r.org('department')];
      await r.org('association');
      await r.event('matchmaking_forum', '2024-01-01', { organiser_id: c1, enterprise_count: 12 });
      await r.event('matchmaking_forum', '2024-03-01', { organiser_id: c1, enterprise_count: 8 });
      await r.event('matchmaking_forum', '2024-03-02', { organiser_id: d1, enterprise_count: 5 });
      await r.event('matchmaking_forum', '2023-12-31', { organiser_id: d1, enterprise_count: 99 });
      await r.event('open_day', '2024-02-01', { enterprise_count: 30 });
      await r.event('board_meeting', '2024-02-01');
      await r.event('committee_meeting', '2024-02-01', { title: '专业布局答辩评审' });
      await r.event('committee_meeting', '2024-02-02', { title: '例会' });
    });
    const at = '2024-03-01';
    expect(await value('matching.forums', at)).toBe(2);
    expect(await value('matching.forumCommittees', at)).toBe(1);
    expect(await value('matching.forumDepartments', '2024-03-02')).toBe(1);
    expect(await value('matching.forumEnterprises', at)).toBe(20);
    expect(await value('matching.enterpriseVisits', at)).toBe(30);
    expect(await value('group.boardMeetings', at)).toBe(1);
    expect(await value('majors.reviewRounds', at)).toBe(1);
    expect(await value('group.industryCommittees', at)).toBe(2);
  });

  it('sums the trainees of new-apprenticeship trainings ended by `at`, from `since` when given', async () => {
    const { value } = await given(async (r) => {
      const s = await r.school();
      await r.training(s, { start_on: '2022-10-01', end_on: '2022-12-31', trainees: 5 });
      await r.training(s, { end_on: '2023-06-30', trainees: 20 });
      await r.training(s, { end_on: '2023-07-01', trainees: 40 });
      await r.training(s, { kind: 'employee_skills', trainees: 1000 });
    });
    expect(await value('craftsmen.trained', '2023-06-30')).toBe(25);
    expect(await value('craftsmen.trained{since=2023-01-01}', '2023-07-01')).toBe(60);
  });
});

describe('metric names', () => {
  it.each([
    ['nope.metric', /unknown metric "nope.metric"/],
    ['agreements.active{mode=ferry}', /mode "ferry" is not one of/],
    ['agreements.active{}', /empty \{\}/],
    ['agreements.active{mode=order_class,mode=order_class}', /given twice/],
    ['majors.createdSince', /needs a start date/],
    ['majors.createdSince{2020-02-30}', /not a YYYY-MM-DD date/],
    ['teachers.practiceShort{window=5,months=6}', /window must be whole years/],
    ['teachers.practiceShort{window=5y}', /needs months/],
    ['majors.count{x=1}', /takes no arguments/],
    ['organizations.designated{integration_enterprise,certified,extra}', /at most 2/],
    ['Majors.count', /not a dotted camelCase name/],
  ])('refuses %s', (name, problem) => {
    expect(() => resolveMetric(name)).toThrow(problem);
    expect(isKnownMetric(name)).toBe(false);
  });

  it('lists every metric by its base name', () => {
    expect(metricNames).toContain('teachers.practiceShort');
    expect(new Set(metricNames).size).toBe(metricNames.length);
  });
});
