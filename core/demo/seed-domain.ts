// A believable data set for a demo tenant: schools, enterprises with valid credit codes,
// majors, agreements of every mode, order classes, teachers whose practice histories pass
// and fail the 6-months-in-5-years rule, students, interns with and without insurance,
// bases, trainings, events, demand, funding and tasks. Runs once per tenant.
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import { studentIdColumns } from '../students/student-pii.ts';
import type { Kysely } from 'kysely';
import type { Tx } from '../db/database.ts';
import { withCreditCodeCheck } from '../identifiers/credit-code.ts';
import { withIdNumberCheck } from '../identifiers/id-number.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { agreementModes } from '../agreements/schema.ts';
import { enterprises, givenNames, majors, schoolLevels, schoolNames, seededRandom, surnames } from './demo-catalog.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
const DAY = 86_400_000;

export interface DemoPeople {
  schoolId: string;
  teacherUserId: string;
  mentorUserId: string;
  mentorEnterpriseId: string;
  /** The demo officer's department (发展改革局): the first of the responsible units. */
  departmentId: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const shift = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

export async function seedDomain(tx: Tx, tenant: Tenant, people: DemoPeople, now: Date, pii: PiiKeyring): Promise<void> {
  const db = tx as unknown as AnyDb;
  const rnd = seededRandom(tenant.slug);
  const t = tenant.id;
  const person = () => rnd.pick(surnames) + rnd.pick(givenNames);
  const insert = async (table: string, values: Record<string, unknown>): Promise<string> => {
    const row: { id: string } = await db.insertInto(table).values({ tenant_id: t, ...values }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  };

  // Schools: the demo school admin's own school first, then two more.
  await db.updateTable('organizations').set({ school_level: 'secondary', double_high: true }).where('id', '=', people.schoolId).execute();
  const schools = [people.schoolId];
  for (let i = 1; i < schoolNames.length; i++) {
    schools.push(await insert('organizations', { kind: 'school', name: `${tenant.name_zh}${schoolNames[i]}`, school_level: schoolLevels[i] }));
  }
  const regionCode = String(370300 + rnd.int(1, 99)).padStart(6, '0');
  const enterpriseIds = [people.mentorEnterpriseId];
  await db
    .updateTable('organizations')
    .set({ credit_code: withCreditCodeCheck(`91${regionCode}MA3C0A0X0`), industry_code: enterprises[0].industry, enterprise_size: 'medium', ownership: 'private' })
    .where('id', '=', people.mentorEnterpriseId)
    .execute();
  for (let i = 1; i < enterprises.length; i++) {
    const e = enterprises[i]!;
    enterpriseIds.push(
      await insert('organizations', {
        kind: 'enterprise',
        name: e.name,
        credit_code: withCreditCodeCheck(`91${regionCode}MA3C0A${String(i).padStart(2, '0')}${rnd.int(1, 9)}`),
        industry_code: e.industry,
        enterprise_size: e.size,
        ownership: e.ownership,
        contact_name: person(),
        contact_phone: `0533-${rnd.int(2000000, 8999999)}`,
      }),
    );
  }
  const departments = [people.departmentId];
  for (const name of ['人力资源和社会保障局', '财政局', '工业和信息化局']) departments.push(await insert('organizations', { kind: 'department', name }));
  await insert('enterprise_designations', { enterprise_id: enterpriseIds[1], designation: 'integration_enterprise', stage: 'certified', level: 'provincial', designated_on: '2024-06-18' });
  await insert('enterprise_designations', { enterprise_id: enterpriseIds[0], designation: 'integration_enterprise', stage: 'cultivating', level: 'city', designated_on: '2025-03-01' });

  const chain = await insert('industry_chains', { name: '高端装备制造产业链', industry_codes: ['C34', 'C36', 'C38'] });
  await insert('industry_chains', { name: '现代服务业', industry_codes: ['G59', 'I65', 'Q84'] });

  const majorIds: { id: string; school: string }[] = [];
  for (const [s, school] of schools.entries()) {
    for (let m = 0; m < 4; m++) {
      const major = majors[(s + m) % majors.length]!;
      const id = await insert('majors', {
        school_id: school,
        code: major.code,
        name: major.name,
        industry_chain_id: ['C34', 'C36', 'C38'].includes(major.industry) ? chain : null,
        opened_on: `${2010 + rnd.int(0, 10)}-09-01`,
        is_integration: m < 2,
      });
      majorIds.push({ id, school });
      for (const year of [2023, 2024, 2025]) {
        await db.insertInto('major_yearly_stats').values({ tenant_id: t, major_id: id, year, enrolment: rnd.int(30, 120), graduates: rnd.int(25, 100), employment_rate: rnd.int(880, 990) / 10 }).execute();
      }
    }
  }

  const agreements: string[] = [];
  for (const [i, mode] of agreementModes.entries()) {
    const signed = shift(now, -rnd.int(60, 900));
    // Two agreements run out within the next 60 days, so the expiry warnings have something to show.
    const until = i < 2 ? shift(now, 20 + i * 25) : shift(signed, 365 * 3);
    agreements.push(
      await insert('agreements', {
        school_id: schools[i % schools.length],
        enterprise_id: enterpriseIds[i % enterpriseIds.length],
        major_id: majorIds.find((m) => m.school === schools[i % schools.length])?.id ?? null,
        mode,
        title: `${enterprises[i % enterprises.length]!.name}校企合作协议（${i + 1}）`,
        signed_on: iso(signed),
        valid_from: iso(signed),
        valid_until: iso(until),
        status: 'active',
      }),
    );
  }
  await insert('order_classes', { agreement_id: agreements[0], name: `${enterprises[0].name.slice(0, 4)}订单班`, kind: 'order', cohort_year: 2025, planned_count: 40, enrolled_count: 36 });

  // Teachers: practice histories on both sides of "≥ 6 months in every 5 years" and of
  // "new teachers: 6 continuous months within their first 3 years".
  const teachers: string[] = [];
  const histories: { hired: number; periods: [number, number][] }[] = [
    { hired: -3650, periods: [[-1400, -1280], [-600, -520]] }, // 200 days: passes
    { hired: -4000, periods: [[-900, -830]] }, // 71 days: fails
    { hired: -700, periods: [[-500, -310]] }, // new, 191 continuous days: passes
    { hired: -400, periods: [] }, // new, nothing yet
    { hired: -5000, periods: [[-2200, -2000], [-300, -240]] }, // 61 days inside the window: fails
    { hired: -3000, periods: [[-1000, -817]] }, // 184 days, just over six months: passes
  ];
  for (const [s, school] of schools.entries()) {
    for (const [h, history] of histories.entries()) {
      const linked = s === 0 && h === 0 ? people.teacherUserId : null;
      const id = await insert('teachers', {
        school_id: school,
        teacher_number: `${tenant.slug.toUpperCase().slice(0, 3)}${s + 1}${String(h + 1).padStart(3, '0')}`,
        name: person(),
        user_id: linked,
        hire_date: iso(shift(now, history.hired)),
        subject: majors[(s + h) % majors.length]!.name,
        dual_qualified: h % 2 === 0,
        dual_qualified_on: h % 2 === 0 ? '2023-07-01' : null,
        prior_enterprise_years: rnd.int(0, 8),
        qualification_level: rnd.pick(['senior_worker', 'technician', 'intermediate_worker'] as const),
      });
      teachers.push(id);
      for (const [start, end] of history.periods) {
        await insert('teacher_practice_periods', {
          teacher_id: id,
          enterprise_id: enterpriseIds[(h + s) % enterpriseIds.length],
          enterprise_name: enterprises[(h + s) % enterprises.length]!.name,
          start_on: iso(shift(now, start)),
          end_on: iso(shift(now, end)),
          content: '参与生产线工艺改进与设备维护',
          enterprise_rating: rnd.pick(['excellent', 'good', 'pass'] as const),
          school_opinion: '实践内容与任教专业对口',
        });
      }
    }
  }

  // Students and interns: a third of the interns lack full insurance; some are evaluated.
  for (const [s, school] of schools.entries()) {
    const schoolMajors = majorIds.filter((m) => m.school === school);
    for (let n = 0; n < 12; n++) {
      const birth = `${2005 + (n % 3)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + ((n * 7) % 28)).padStart(2, '0')}`;
      const idNumber = withIdNumberCheck(`${regionCode}${birth}${String(100 + s * 20 + n).slice(-3)}`);
      const student = await insert('students', {
        school_id: school,
        name: person(),
        gender: n % 2 ? 'male' : 'female',
        birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
        ...studentIdColumns(pii, t, idNumber),
        phone: `13${rnd.int(100000000, 999999999)}`,
        major_id: schoolMajors[n % schoolMajors.length]!.id,
        cohort_year: 2023 + (n % 3),
        expected_graduation_year: 2026 + (n % 3),
      });
      if (n >= 8) continue;
      const start = shift(now, -rnd.int(10, 90));
      const end = shift(start, 180);
      const insured = n % 3 !== 0;
      const enterprise = n % 2 === 0 ? people.mentorEnterpriseId : enterpriseIds[1 + (n % (enterpriseIds.length - 1))];
      const internship = await insert('internships', {
        student_id: student,
        kind: n % 4 === 0 ? 'shadow' : 'post',
        enterprise_id: enterprise,
        agreement_id: agreements[2],
        position: rnd.pick(['装配技术员', '质检员', '运维助理', '护理助理', '仓储调度']),
        start_on: iso(start),
        end_on: iso(end),
        school_mentor_id: teachers[s * histories.length + (n % histories.length)],
        enterprise_mentor_user_id: enterprise === people.mentorEnterpriseId ? people.mentorUserId : null,
        enterprise_mentor_name: person(),
        monthly_pay: rnd.int(2600, 4200),
        insurer: insured ? '中国人民财产保险股份有限公司' : null,
        policy_number: insured ? `PZAL${now.getFullYear()}${rnd.int(10000000, 99999999)}` : null,
        insurance_start: insured ? iso(start) : null,
        insurance_end: insured ? iso(end) : null,
        liability_insurance: insured,
        accident_insurance: insured,
        status: 'ongoing',
      });
      if (n % 4 === 1) {
        await db.insertInto('internship_evaluations').values({ tenant_id: t, internship_id: internship, side: 'school', score: rnd.int(78, 96), comment: '实习态度认真', evaluator_user_id: people.teacherUserId }).execute();
      }
    }
  }

  await insert('bases', { name: '智能制造产教融合实训基地', kind: 'integration', owner_id: schools[0], partner_id: enterpriseIds[1], level: 'provincial', established_on: '2022-09-01' });
  await insert('bases', { name: '新能源汽车实习就业基地', kind: 'internship_employment', owner_id: enterpriseIds[1], partner_id: schools[1], level: 'city', established_on: '2023-03-15' });
  await insert('bases', { name: '公共实训中心', kind: 'public_training', owner_id: schools[2], level: 'county', established_on: '2021-05-20' });
  await insert('trainings', { provider_id: schools[0], enterprise_id: enterpriseIds[0], kind: 'employee_skills', title: '数控设备操作技能提升培训', start_on: iso(shift(now, -120)), end_on: iso(shift(now, -110)), trainees: 46, hours: 64 });
  await insert('trainings', { provider_id: schools[1], enterprise_id: enterpriseIds[1], kind: 'new_apprenticeship', title: '企业新型学徒制培训', start_on: iso(shift(now, -200)), end_on: iso(shift(now, -20)), trainees: 30, hours: 320 });
  await insert('events', { kind: 'committee_meeting', title: '产教融合工作领导小组会议', held_on: iso(shift(now, -150)), organiser_id: departments[0], attendee_count: 18 });
  await insert('events', { kind: 'supply_demand_fair', title: '校企人才供需对接会', held_on: iso(shift(now, -60)), organiser_id: schools[0], enterprise_count: 42, agreements_signed: 9, attendee_count: 600 });
  await insert('events', { kind: 'skills_competition', title: '职业院校技能大赛', held_on: iso(shift(now, -30)), organiser_id: schools[1], attendee_count: 120 });
  await insert('talent_demand_posts', { enterprise_id: people.mentorEnterpriseId, position: '机电设备维修工', major_codes: ['660301'], headcount: 12, period_start: iso(now), period_end: iso(shift(now, 120)), posted_by: people.mentorUserId });
  await insert('talent_demand_posts', { enterprise_id: enterpriseIds[1], position: '新能源汽车装调工', major_codes: ['700206'], headcount: 20, period_start: iso(now), period_end: iso(shift(now, 90)) });
  await insert('funding_records', { project: '智能制造实训基地建设', year: 2025, school_id: schools[0], enterprise_id: enterpriseIds[1], institute_amount: 1200000, government_amount: 2000000, enterprise_amount: 1800000, investment_amount: 5000000 });
  await insert('tasks', { title: '建立产教融合工作联席会议制度', clause: '三(一)', lead_unit_id: departments[0], co_unit_ids: [departments[1]], due_on: iso(shift(now, 30)), status: 'in_progress', progress: 40 });
  await insert('tasks', { title: '落实产教融合型企业"金融+财政+土地+信用"组合式激励', clause: '三(二)', lead_unit_id: departments[2], co_unit_ids: [departments[0], departments[3]], due_on: iso(shift(now, -10)), status: 'in_progress', progress: 60 });
}
