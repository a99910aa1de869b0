// The entities that can be imported and exported with fixed zh-CN columns: templates, imports
// and exports of one entity are the same table. Other records are named as people name them
// (a school by its name, an enterprise by its credit code, a student by 身份证号).
import { agreementResource } from '../agreements/agreement-resource.ts';
import { agreementModes, agreementStatuses } from '../agreements/schema.ts';
import { internshipResource } from '../internships/internship-resource.ts';
import { internshipKinds, internshipStatuses } from '../internships/schema.ts';
import { majorResource } from '../majors/major-resource.ts';
import { organizationResource } from '../organizations/organization-resource.ts';
import { enterpriseSizes, organizationKinds, ownerships, schoolLevels } from '../organizations/schema.ts';
import { genders } from '../students/schema.ts';
import { maskIdNumber } from '../privacy/masking.ts';
import { studentIdNumber } from '../students/student-pii.ts';
import { studentResource } from '../students/student-resource.ts';
import { practicePeriodResource } from '../teachers/practice-period-resource.ts';
import { practiceRatings, qualificationLevels } from '../teachers/schema.ts';
import { teacherResource } from '../teachers/teacher-resource.ts';
import type { ImportColumn, ImportSpec } from './import-spec.ts';

const school: ImportColumn = { header: '学校', en: 'School', field: 'schoolId', lookup: { table: 'organizations', column: 'name', kinds: ['school'] } };
const enterpriseByCode = (header = '企业统一社会信用代码', en = 'Enterprise credit code', field = 'enterpriseId'): ImportColumn => ({
  header,
  en,
  field,
  lookup: { table: 'organizations', column: 'credit_code', kinds: ['enterprise'] },
});

// Students are found by the keyed hash of their 身份证号; exports show the number masked.
const studentByIdNumber: ImportColumn['lookup'] = {
  table: 'students',
  column: 'id_number_hmac',
  hashed: { columns: ['tenant_id', 'id_number_ciphertext', 'id_number_key_id'], display: (pii, row) => maskIdNumber(studentIdNumber(pii, row)) },
};

export const organizationsImport: ImportSpec = {
  entity: 'organizations',
  resource: organizationResource,
  naturalKey: { fields: ['creditCode'], columns: ['credit_code'] },
  columns: [
    { header: '类型', en: 'Kind', field: 'kind', labels: { prefix: 'organizationKind', values: organizationKinds } },
    { header: '名称', en: 'Name', field: 'name' },
    { header: '简称', en: 'Short name', field: 'shortName' },
    { header: '统一社会信用代码', en: 'Credit code', field: 'creditCode' },
    { header: '行业代码', en: 'Industry code', field: 'industryCode' },
    { header: '企业规模', en: 'Size', field: 'enterpriseSize', labels: { prefix: 'enterpriseSize', values: enterpriseSizes } },
    { header: '所有制', en: 'Ownership', field: 'ownership', labels: { prefix: 'ownership', values: ownerships } },
    { header: '办学层次', en: 'School level', field: 'schoolLevel', labels: { prefix: 'schoolLevel', values: schoolLevels } },
    { header: '地址', en: 'Address', field: 'address' },
    { header: '联系人', en: 'Contact', field: 'contactName' },
    { header: '联系电话', en: 'Phone', field: 'contactPhone' },
  ],
};

export const majorsImport: ImportSpec = {
  entity: 'majors',
  resource: majorResource,
  naturalKey: { fields: ['schoolId', 'code'], columns: ['school_id', 'code'] },
  columns: [
    school,
    { header: '专业代码', en: 'Code', field: 'code' },
    { header: '专业名称', en: 'Name', field: 'name' },
    { header: '开设日期', en: 'Opened on', field: 'openedOn', kind: 'date' },
    { header: '停办日期', en: 'Closed on', field: 'closedOn', kind: 'date' },
    { header: '产教融合专业', en: 'Integration major', field: 'isIntegration', kind: 'boolean' },
  ],
};

export const teachersImport: ImportSpec = {
  entity: 'teachers',
  resource: teacherResource,
  naturalKey: { fields: ['teacherNumber'], columns: ['teacher_number'] },
  columns: [
    school,
    { header: '工号', en: 'Teacher number', field: 'teacherNumber' },
    { header: '姓名', en: 'Name', field: 'name' },
    { header: '入职日期', en: 'Hire date', field: 'hireDate', kind: 'date' },
    { header: '任教学科', en: 'Subject', field: 'subject' },
    { header: '专业课教师', en: 'Professional course teacher', field: 'isProfessional', kind: 'boolean' },
    { header: '双师型', en: 'Dual-qualified', field: 'dualQualified', kind: 'boolean' },
    { header: '双师型认定日期', en: 'Dual-qualified on', field: 'dualQualifiedOn', kind: 'date' },
    { header: '企业工作年限', en: 'Prior enterprise years', field: 'priorEnterpriseYears', kind: 'number' },
    { header: '职业资格等级', en: 'Qualification level', field: 'qualificationLevel', labels: { prefix: 'qualificationLevel', values: qualificationLevels } },
  ],
};

export const practiceImport: ImportSpec = {
  entity: 'teacher-practice-periods',
  resource: practicePeriodResource,
  columns: [
    { header: '教师工号', en: 'Teacher number', field: 'teacherId', lookup: { table: 'teachers', column: 'teacher_number' } },
    { header: '实践企业', en: 'Enterprise', field: 'enterpriseName' },
    enterpriseByCode('企业统一社会信用代码', 'Enterprise credit code'),
    { header: '开始日期', en: 'Start', field: 'startOn', kind: 'date' },
    { header: '结束日期', en: 'End', field: 'endOn', kind: 'date' },
    { header: '实践内容', en: 'Content', field: 'content' },
    { header: '企业评价', en: 'Enterprise evaluation', field: 'enterpriseEvaluation' },
    { header: '企业评定等级', en: 'Enterprise rating', field: 'enterpriseRating', labels: { prefix: 'practiceRating', values: practiceRatings } },
    { header: '学校意见', en: 'School opinion', field: 'schoolOpinion' },
  ],
};

export const studentsImport: ImportSpec = {
  entity: 'students',
  resource: (t, _clock, pii) => studentResource(t, pii),
  naturalKey: { fields: ['idNumber'], columns: ['id_number_hmac'], hashed: true },
  columns: [
    school,
    { header: '姓名', en: 'Name', field: 'name' },
    { header: '性别', en: 'Gender', field: 'gender', labels: { prefix: 'gender', values: genders } },
    { header: '身份证号', en: 'ID number', field: 'idNumber' },
    { header: '出生日期', en: 'Birth date', field: 'birthDate', kind: 'date' },
    { header: '联系电话', en: 'Phone', field: 'phone' },
    { header: '专业代码', en: 'Major code', field: 'majorId', lookup: { table: 'majors', column: 'code', within: { field: 'schoolId', column: 'school_id' } } },
    { header: '入学年份', en: 'Cohort year', field: 'cohortYear', kind: 'integer' },
    { header: '预计毕业年份', en: 'Expected graduation', field: 'expectedGraduationYear', kind: 'integer' },
  ],
};

export const internshipsImport: ImportSpec = {
  entity: 'internships',
  resource: internshipResource,
  columns: [
    { header: '学生身份证号', en: 'Student ID number', field: 'studentId', lookup: studentByIdNumber },
    { header: '实习类型', en: 'Kind', field: 'kind', labels: { prefix: 'internshipKind', values: internshipKinds } },
    enterpriseByCode(),
    { header: '岗位', en: 'Position', field: 'position' },
    { header: '开始日期', en: 'Start', field: 'startOn', kind: 'date' },
    { header: '结束日期', en: 'End', field: 'endOn', kind: 'date' },
    { header: '企业导师', en: 'Enterprise mentor', field: 'enterpriseMentorName' },
    { header: '月薪', en: 'Monthly pay', field: 'monthlyPay', kind: 'number' },
    { header: '保险公司', en: 'Insurer', field: 'insurer' },
    { header: '保单号', en: 'Policy number', field: 'policyNumber' },
    { header: '保险起期', en: 'Cover from', field: 'insuranceStart', kind: 'date' },
    { header: '保险止期', en: 'Cover until', field: 'insuranceEnd', kind: 'date' },
    { header: '责任险', en: 'Liability insurance', field: 'liabilityInsurance', kind: 'boolean' },
    { header: '意外险', en: 'Accident insurance', field: 'accidentInsurance', kind: 'boolean' },
    { header: '状态', en: 'Status', field: 'status', labels: { prefix: 'internshipStatus', values: internshipStatuses } },
  ],
};

export const agreementsImport: ImportSpec = {
  entity: 'agreements',
  resource: agreementResource,
  columns: [
    school,
    enterpriseByCode(),
    { header: '合作模式', en: 'Mode', field: 'mode', labels: { prefix: 'agreementMode', values: agreementModes } },
    { header: '协议名称', en: 'Title', field: 'title' },
    { header: '签订日期', en: 'Signed on', field: 'signedOn', kind: 'date' },
    { header: '生效日期', en: 'Valid from', field: 'validFrom', kind: 'date' },
    { header: '到期日期', en: 'Valid until', field: 'validUntil', kind: 'date' },
    { header: '状态', en: 'Status', field: 'status', labels: { prefix: 'agreementStatus', values: agreementStatuses } },
  ],
};

export const importSpecs: Record<string, ImportSpec> = Object.fromEntries(
  [organizationsImport, majorsImport, teachersImport, practiceImport, studentsImport, internshipsImport, agreementsImport].map((s) => [s.entity, s]),
);
