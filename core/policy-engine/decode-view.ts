// Turns the compact view text of load-view.ts into the PolicyDataView objects rules read: rows
// are arrays in the column order below and dates are day numbers since 1970-01-01. Each
// collection is decoded as soon as its text arrives (the worker decodes one while the database
// still builds the next), and every object is frozen as it is made: the view a rule sees is
// deep-frozen without a second walk over its 100 000s of objects.
import type {
  AgreementView,
  DesignationView,
  FundingRecordView,
  InternshipView,
  MajorView,
  OrganizationView,
  PolicyDataView,
  PracticePeriodView,
  StudentView,
  TeacherView,
  ViewCollection,
} from '../policy/data-view.ts';
import { viewCollections } from '../policy/data-view.ts';
import type { IsoDate } from '../policy/dates.ts';

/** A row as the SQL wrote it; its cells are trusted to have the view's types (the SQL and this file agree). */
type Row = { readonly [K in 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17]: never };

type Compact = { tenantId: string } & Record<ViewCollection, Row[]>;

const DAY_MS = 86_400_000;

/** Day numbers to ISO dates, each distinct day formatted once and its string shared. */
function dayDecoder() {
  const cache = new Map<number, IsoDate>();
  return (day: number | null): IsoDate | null => {
    if (day === null) return null;
    let iso = cache.get(day);
    if (iso === undefined) {
      iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
      cache.set(day, iso);
    }
    return iso;
  };
}

/** The parser makes a new string per cell; keeping one per distinct id frees 100 000s of copies before the rules run. */
function interner() {
  const seen = new Map<string, string>();
  return (id: string | null): string | null => {
    if (id === null) return null;
    const kept = seen.get(id);
    if (kept !== undefined) return kept;
    seen.set(id, id);
    return id;
  };
}

/** The view text of a whole view (loadDataViewText) at once. */
export function decodeDataView(text: string): PolicyDataView {
  const c = JSON.parse(text) as Compact;
  const decoder = viewDecoder(c.tenantId);
  for (const name of viewCollections) decoder.addRows(name, c[name]);
  return decoder.view();
}

export interface ViewDecoder {
  /** One collection's rows as the text of a JSON array (a ViewPart's text). */
  add(name: ViewCollection, text: string): void;
  addRows(name: ViewCollection, rows: readonly Row[]): void;
  /** The frozen view; collections never added are empty. */
  view(): PolicyDataView;
}

/** Decodes a view collection by collection; day strings and ids are shared across collections. */
export function viewDecoder(tenantId: string): ViewDecoder {
  const day = dayDecoder();
  const date = (cell: never) => day(cell) as never;
  const intern = interner();
  const ref = (cell: never) => intern(cell) as never;
  const { freeze } = Object;
  const list = <T>(rows: readonly Row[], make: (r: Row) => T): readonly T[] => {
    const out = new Array<T>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = make(rows[i]!);
    return freeze(out);
  };
  const none: readonly never[] = freeze([]);

  const designation = (r: Row): DesignationView => freeze({ designation: r[0], stage: r[1], level: r[2], designatedOn: date(r[3]), expiresOn: date(r[4]) });
  const organization = (r: Row): OrganizationView =>
    freeze({
      id: r[0],
      kind: r[1],
      name: r[2],
      creditCode: r[3],
      designations: r[4] === null ? none : list(r[4] as Row[], designation),
    });
  const period = (r: Row): PracticePeriodView => freeze({ id: r[0], enterpriseId: ref(r[1]), enterpriseName: r[2], startOn: date(r[3]), endOn: date(r[4]), rating: r[5] });
  const teacher = (r: Row): TeacherView =>
    freeze({
      id: r[0],
      schoolId: ref(r[1]),
      name: r[2],
      hireDate: date(r[3]),
      isProfessional: r[4],
      dualQualified: r[5],
      practicePeriods: r[6] === null ? none : list(r[6] as Row[], period),
    });
  const internship = (r: Row): InternshipView =>
    freeze({
      id: r[0],
      studentId: r[1],
      schoolId: ref(r[2]),
      enterpriseId: ref(r[3]),
      agreementId: ref(r[4]),
      kind: r[5],
      status: r[6],
      startOn: date(r[7]),
      endOn: date(r[8]),
      insurance: freeze({ policyNumber: r[9], start: date(r[10]), end: date(r[11]), liability: r[12], accident: r[13] }),
      evaluations: freeze({
        school: r[14] === null ? null : freeze({ score: r[14], evaluatedOn: date(r[15]) }),
        enterprise: r[16] === null ? null : freeze({ score: r[16], evaluatedOn: date(r[17]) }),
      }),
    });
  const agreement = (r: Row): AgreementView =>
    freeze({
      id: r[0],
      schoolId: ref(r[1]),
      enterpriseId: ref(r[2]),
      majorId: r[3],
      mode: r[4],
      title: r[5],
      status: r[6],
      signedOn: date(r[7]),
      validFrom: date(r[8]),
      validUntil: date(r[9]),
    });
  const major = (r: Row): MajorView =>
    freeze({
      id: r[0],
      schoolId: ref(r[1]),
      code: r[2],
      name: r[3],
      clusterId: ref(r[4]),
      industryChainId: ref(r[5]),
      openedOn: date(r[6]),
      closedOn: date(r[7]),
      isIntegration: r[8],
    });
  const student = (r: Row): StudentView => freeze({ id: r[0], schoolId: ref(r[1]), majorId: ref(r[2]), birthDate: date(r[3]), cohortYear: r[4], expectedGraduationYear: r[5] });
  const fundingRecord = (r: Row): FundingRecordView =>
    freeze({
      id: r[0],
      project: r[1],
      year: r[2],
      schoolId: ref(r[3]),
      enterpriseId: ref(r[4]),
      instituteAmount: r[5],
      governmentAmount: r[6],
      enterpriseAmount: r[7],
      investmentAmount: r[8],
    });
  const decoders: { [K in ViewCollection]: (r: Row) => PolicyDataView[K][number] } = {
    organizations: organization,
    teachers: teacher,
    internships: internship,
    agreements: agreement,
    majors: major,
    students: student,
    fundingRecords: fundingRecord,
  };

  const view: { -readonly [K in keyof PolicyDataView]: PolicyDataView[K] } = {
    tenantId,
    organizations: none,
    teachers: none,
    internships: none,
    agreements: none,
    majors: none,
    students: none,
    fundingRecords: none,
  };
  const addRows = (name: ViewCollection, rows: readonly Row[]) => {
    (view as Record<ViewCollection, unknown>)[name] = list(rows, decoders[name] as (r: Row) => unknown);
  };
  return {
    add: (name, text) => addRows(name, JSON.parse(text) as Row[]),
    addRows,
    view: () => freeze(view),
  };
}
