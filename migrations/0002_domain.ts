// The domain of 校企合作: organizations in detail, industry chains, majors, agreements, order
// classes, students, internships, teachers' enterprise practice, bases, trainings, events,
// talent demand, funding and policy tasks. Every table is tenant-scoped like those of 0001.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
-- Organizations: one table for every kind; the columns of a kind are checked by kind.
alter table organizations
  add column short_name text,
  add column address text,
  add column contact_name text,
  add column contact_phone text,
  add column school_level text,
  add column double_high boolean not null default false,
  add column demonstration boolean not null default false,
  add column credit_code text,
  add column industry_code text,
  add column enterprise_size text,
  add column ownership text,
  add constraint organizations_school_level_check check (school_level in ('secondary', 'higher', 'technician', 'undergraduate')),
  add constraint organizations_credit_code_check check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  add constraint organizations_industry_code_check check (industry_code ~ '^[A-T]([0-9]{2,4})?$'),
  add constraint organizations_size_check check (enterprise_size in ('micro', 'small', 'medium', 'large')),
  add constraint organizations_ownership_check check (ownership in ('state', 'collective', 'private', 'foreign', 'mixed', 'other')),
  add constraint organizations_school_fields_check check (kind = 'school' or school_level is null),
  add constraint organizations_enterprise_fields_check check (kind = 'enterprise' or (credit_code is null and enterprise_size is null and ownership is null));
create unique index organizations_credit_code_key on organizations (tenant_id, credit_code) where credit_code is not null;
create index organizations_kind_name_idx on organizations (tenant_id, kind, name);

create table enterprise_designations (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  enterprise_id uuid not null,
  designation text not null,
  stage text not null,
  level text not null,
  designated_on date,
  expires_on date,
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint enterprise_designations_pkey primary key (tenant_id, id),
  constraint enterprise_designations_enterprise_fkey foreign key (tenant_id, enterprise_id) references organizations (tenant_id, id) on delete cascade,
  constraint enterprise_designations_designation_check check (designation in ('integration_enterprise', 'pilot_enterprise')),
  constraint enterprise_designations_stage_check check (stage in ('pool', 'cultivating', 'certified', 'revoked')),
  constraint enterprise_designations_level_check check (level in ('national', 'provincial', 'city')),
  constraint enterprise_designations_dates_check check (expires_on is null or designated_on is null or expires_on >= designated_on)
);
select enable_tenant_rls('enterprise_designations');
create index enterprise_designations_enterprise_idx on enterprise_designations (tenant_id, enterprise_id);

create table industry_chains (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  name text not null,
  description text,
  industry_codes text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint industry_chains_pkey primary key (tenant_id, id),
  constraint industry_chains_name_key unique (tenant_id, name),
  constraint industry_chains_tenant_fkey foreign key (tenant_id) references tenants (id)
);
select enable_tenant_rls('industry_chains');

create table major_clusters (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  school_id uuid not null,
  name text not null,
  industry_chain_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint major_clusters_pkey primary key (tenant_id, id),
  constraint major_clusters_name_key unique (tenant_id, school_id, name),
  constraint major_clusters_school_fkey foreign key (tenant_id, school_id) references organizations (tenant_id, id),
  constraint major_clusters_chain_fkey foreign key (tenant_id, industry_chain_id) references industry_chains (tenant_id, id)
);
select enable_tenant_rls('major_clusters');

create table majors (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  school_id uuid not null,
  code text not null,
  name text not null,
  cluster_id uuid,
  industry_chain_id uuid,
  opened_on date,
  closed_on date,
  is_integration boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint majors_pkey primary key (tenant_id, id),
  constraint majors_code_key unique (tenant_id, school_id, code),
  constraint majors_school_fkey foreign key (tenant_id, school_id) references organizations (tenant_id, id),
  constraint majors_cluster_fkey foreign key (tenant_id, cluster_id) references major_clusters (tenant_id, id),
  constraint majors_chain_fkey foreign key (tenant_id, industry_chain_id) references industry_chains (tenant_id, id),
  constraint majors_code_check check (code ~ '^[0-9]{4,6}[A-Z]?$'),
  constraint majors_dates_check check (closed_on is null or opened_on is null or closed_on >= opened_on)
);
select enable_tenant_rls('majors');

create table major_yearly_stats (
  tenant_id uuid not null,
  major_id uuid not null,
  year integer not null,
  enrolment integer not null default 0,
  graduates integer,
  employment_rate numeric(5, 2),
  constraint major_yearly_stats_pkey primary key (tenant_id, major_id, year),
  constraint major_yearly_stats_major_fkey foreign key (tenant_id, major_id) references majors (tenant_id, id) on delete cascade,
  constraint major_yearly_stats_values_check check (enrolment >= 0 and (graduates is null or graduates >= 0)
    and (employment_rate is null or employment_rate between 0 and 100) and year between 1990 and 2100)
);
select enable_tenant_rls('major_yearly_stats');

create table attachments (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  filename text not null,
  content_type text not null,
  size_bytes integer not null,
  sha256 text not null,
  content bytea not null,
  uploaded_by uuid,
  created_at timestamptz not null default now(),
  constraint attachments_pkey primary key (tenant_id, id),
  constraint attachments_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint attachments_size_check check (size_bytes between 0 and 20971520)
);
select enable_tenant_rls('attachments');

create table agreements (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  school_id uuid not null,
  enterprise_id uuid not null,
  major_id uuid,
  mode text not null,
  title text not null,
  signed_on date,
  valid_from date,
  valid_until date,
  status text not null default 'active',
  attachment_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint agreements_pkey primary key (tenant_id, id),
  constraint agreements_school_fkey foreign key (tenant_id, school_id) references organizations (tenant_id, id),
  constraint agreements_enterprise_fkey foreign key (tenant_id, enterprise_id) references organizations (tenant_id, id),
  constraint agreements_major_fkey foreign key (tenant_id, major_id) references majors (tenant_id, id),
  constraint agreements_attachment_fkey foreign key (tenant_id, attachment_id) references attachments (tenant_id, id),
  constraint agreements_mode_check check (mode in ('order_class', 'work_study_alternation', 'post_internship',
    'work_study_program', 'course_co_development', 'pre_job_training', 'modern_apprenticeship',
    'enterprise_apprenticeship', 'shared_training_base', 'employee_training', 'joint_rd', 'teacher_practice_host')),
  constraint agreements_status_check check (status in ('draft', 'active', 'expired', 'terminated')),
  constraint agreements_dates_check check (valid_until is null or valid_from is null or valid_until >= valid_from)
);
select enable_tenant_rls('agreements');
create index agreements_school_idx on agreements (tenant_id, school_id);
create index agreements_enterprise_idx on agreements (tenant_id, enterprise_id);
create index agreements_valid_until_idx on agreements (tenant_id, valid_until);

create table students (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  school_id uuid not null,
  name text not null,
  gender text not null,
  birth_date date,
  id_number text not null,
  phone text,
  major_id uuid,
  cohort_year integer,
  expected_graduation_year integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint students_pkey primary key (tenant_id, id),
  constraint students_id_number_key unique (tenant_id, id_number),
  constraint students_school_fkey foreign key (tenant_id, school_id) references organizations (tenant_id, id),
  constraint students_major_fkey foreign key (tenant_id, major_id) references majors (tenant_id, id),
  constraint students_gender_check check (gender in ('male', 'female')),
  constraint students_id_number_check check (id_number ~ '^[0-9]{17}[0-9X]$')
);
select enable_tenant_rls('students');
create index students_school_idx on students (tenant_id, school_id, name);
create index students_graduation_idx on students (tenant_id, expected_graduation_year, major_id);

create table order_classes (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  agreement_id uuid not null,
  name text not null,
  kind text not null,
  cohort_year integer not null,
  planned_count integer not null default 0,
  enrolled_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint order_classes_pkey primary key (tenant_id, id),
  constraint order_classes_agreement_fkey foreign key (tenant_id, agreement_id) references agreements (tenant_id, id),
  constraint order_classes_kind_check check (kind in ('directed', 'named', 'order')),
  constraint order_classes_counts_check check (planned_count >= 0 and enrolled_count >= 0)
);
select enable_tenant_rls('order_classes');

create table order_class_students (
  tenant_id uuid not null,
  order_class_id uuid not null,
  student_id uuid not null,
  constraint order_class_students_pkey primary key (tenant_id, order_class_id, student_id),
  constraint order_class_students_class_fkey foreign key (tenant_id, order_class_id) references order_classes (tenant_id, id) on delete cascade,
  constraint order_class_students_student_fkey foreign key (tenant_id, student_id) references students (tenant_id, id) on delete cascade
);
select enable_tenant_rls('order_class_students');

create table teachers (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  school_id uuid not null,
  teacher_number text not null,
  name text not null,
  user_id uuid,
  hire_date date,
  subject text,
  is_professional boolean not null default true,
  dual_qualified boolean not null default false,
  dual_qualified_on date,
  prior_enterprise_years numeric(4, 1) not null default 0,
  qualification_level text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint teachers_pkey primary key (tenant_id, id),
  constraint teachers_number_key unique (tenant_id, teacher_number),
  constraint teachers_school_fkey foreign key (tenant_id, school_id) references organizations (tenant_id, id),
  constraint teachers_user_fkey foreign key (tenant_id, user_id) references users (tenant_id, id) on delete set null (user_id),
  constraint teachers_qualification_check check (qualification_level in ('junior_worker', 'intermediate_worker',
    'senior_worker', 'technician', 'senior_technician')),
  constraint teachers_dual_check check (dual_qualified or dual_qualified_on is null)
);
select enable_tenant_rls('teachers');
create index teachers_school_idx on teachers (tenant_id, school_id, name);
create unique index teachers_user_key on teachers (tenant_id, user_id) where user_id is not null;

create table teacher_practice_periods (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  teacher_id uuid not null,
  enterprise_id uuid,
  enterprise_name text not null,
  start_on date not null,
  end_on date not null,
  content text,
  enterprise_evaluation text,
  enterprise_rating text,
  school_opinion text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint teacher_practice_periods_pkey primary key (tenant_id, id),
  constraint teacher_practice_periods_teacher_fkey foreign key (tenant_id, teacher_id) references teachers (tenant_id, id) on delete cascade,
  constraint teacher_practice_periods_enterprise_fkey foreign key (tenant_id, enterprise_id) references organizations (tenant_id, id),
  constraint teacher_practice_periods_dates_check check (end_on >= start_on),
  constraint teacher_practice_periods_rating_check check (enterprise_rating in ('excellent', 'good', 'pass', 'fail'))
);
select enable_tenant_rls('teacher_practice_periods');
create index teacher_practice_periods_teacher_idx on teacher_practice_periods (tenant_id, teacher_id, start_on);

create table internships (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  student_id uuid not null,
  kind text not null,
  enterprise_id uuid not null,
  agreement_id uuid,
  position text,
  start_on date not null,
  end_on date not null,
  school_mentor_id uuid,
  enterprise_mentor_user_id uuid,
  enterprise_mentor_name text,
  monthly_pay numeric(10, 2),
  insurer text,
  policy_number text,
  insurance_start date,
  insurance_end date,
  liability_insurance boolean not null default false,
  accident_insurance boolean not null default false,
  status text not null default 'planned',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint internships_pkey primary key (tenant_id, id),
  constraint internships_student_fkey foreign key (tenant_id, student_id) references students (tenant_id, id),
  constraint internships_enterprise_fkey foreign key (tenant_id, enterprise_id) references organizations (tenant_id, id),
  constraint internships_agreement_fkey foreign key (tenant_id, agreement_id) references agreements (tenant_id, id),
  constraint internships_school_mentor_fkey foreign key (tenant_id, school_mentor_id) references teachers (tenant_id, id),
  constraint internships_enterprise_mentor_fkey foreign key (tenant_id, enterprise_mentor_user_id) references users (tenant_id, id),
  constraint internships_kind_check check (kind in ('cognitive', 'shadow', 'post')),
  constraint internships_status_check check (status in ('planned', 'ongoing', 'completed', 'terminated')),
  constraint internships_dates_check check (end_on >= start_on),
  constraint internships_insurance_dates_check check (insurance_end is null or insurance_start is null or insurance_end >= insurance_start),
  constraint internships_pay_check check (monthly_pay is null or monthly_pay >= 0)
);
select enable_tenant_rls('internships');
create index internships_student_idx on internships (tenant_id, student_id);
create index internships_enterprise_mentor_idx on internships (tenant_id, enterprise_mentor_user_id);
create index internships_school_mentor_idx on internships (tenant_id, school_mentor_id);

create table internship_logs (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  internship_id uuid not null,
  week_start date not null,
  content text not null,
  author_user_id uuid,
  created_at timestamptz not null default now(),
  constraint internship_logs_pkey primary key (tenant_id, id),
  constraint internship_logs_week_key unique (tenant_id, internship_id, week_start),
  constraint internship_logs_internship_fkey foreign key (tenant_id, internship_id) references internships (tenant_id, id) on delete cascade
);
select enable_tenant_rls('internship_logs');

create table internship_evaluations (
  tenant_id uuid not null,
  internship_id uuid not null,
  side text not null,
  score numeric(5, 2) not null,
  comment text,
  evaluator_user_id uuid not null,
  evaluated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint internship_evaluations_pkey primary key (tenant_id, internship_id, side),
  constraint internship_evaluations_internship_fkey foreign key (tenant_id, internship_id) references internships (tenant_id, id) on delete cascade,
  constraint internship_evaluations_evaluator_fkey foreign key (tenant_id, evaluator_user_id) references users (tenant_id, id),
  constraint internship_evaluations_side_check check (side in ('school', 'enterprise')),
  constraint internship_evaluations_score_check check (score between 0 and 100)
);
select enable_tenant_rls('internship_evaluations');

create table bases (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  name text not null,
  kind text not null,
  owner_id uuid not null,
  partner_id uuid,
  level text,
  established_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint bases_pkey primary key (tenant_id, id),
  constraint bases_owner_fkey foreign key (tenant_id, owner_id) references organizations (tenant_id, id),
  constraint bases_partner_fkey foreign key (tenant_id, partner_id) references organizations (tenant_id, id),
  constraint bases_kind_check check (kind in ('training', 'integration', 'internship_employment', 'public_training',
    'career_enlightenment', 'rd_platform')),
  constraint bases_level_check check (level in ('national', 'provincial', 'city', 'county', 'school'))
);
select enable_tenant_rls('bases');

create table trainings (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  provider_id uuid not null,
  enterprise_id uuid,
  kind text not null,
  title text not null,
  start_on date not null,
  end_on date not null,
  trainees integer not null default 0,
  hours numeric(7, 1) not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint trainings_pkey primary key (tenant_id, id),
  constraint trainings_provider_fkey foreign key (tenant_id, provider_id) references organizations (tenant_id, id),
  constraint trainings_enterprise_fkey foreign key (tenant_id, enterprise_id) references organizations (tenant_id, id),
  constraint trainings_kind_check check (kind in ('employee_skills', 'pre_job', 'new_apprenticeship', 'academic', 'other')),
  constraint trainings_dates_check check (end_on >= start_on),
  constraint trainings_counts_check check (trainees >= 0 and hours >= 0)
);
select enable_tenant_rls('trainings');

create table events (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  kind text not null,
  title text not null,
  held_on date not null,
  organiser_id uuid,
  participants text,
  enterprise_count integer not null default 0,
  agreements_signed integer not null default 0,
  attendee_count integer not null default 0,
  minutes_attachment_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint events_pkey primary key (tenant_id, id),
  constraint events_organiser_fkey foreign key (tenant_id, organiser_id) references organizations (tenant_id, id),
  constraint events_minutes_fkey foreign key (tenant_id, minutes_attachment_id) references attachments (tenant_id, id),
  constraint events_kind_check check (kind in ('matchmaking_forum', 'supply_demand_fair', 'skills_competition',
    'board_meeting', 'committee_meeting', 'open_day', 'career_day', 'teacher_training')),
  constraint events_counts_check check (enterprise_count >= 0 and agreements_signed >= 0 and attendee_count >= 0)
);
select enable_tenant_rls('events');
create index events_held_on_idx on events (tenant_id, held_on);

create table talent_demand_posts (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  enterprise_id uuid not null,
  position text not null,
  major_codes text[] not null default '{}',
  headcount integer not null,
  period_start date not null,
  period_end date not null,
  description text,
  status text not null default 'open',
  posted_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint talent_demand_posts_pkey primary key (tenant_id, id),
  constraint talent_demand_posts_enterprise_fkey foreign key (tenant_id, enterprise_id) references organizations (tenant_id, id),
  constraint talent_demand_posts_status_check check (status in ('open', 'filled', 'closed')),
  constraint talent_demand_posts_headcount_check check (headcount > 0),
  constraint talent_demand_posts_dates_check check (period_end >= period_start)
);
select enable_tenant_rls('talent_demand_posts');

create table funding_records (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project text not null,
  year integer not null,
  school_id uuid,
  enterprise_id uuid,
  institute_amount numeric(14, 2) not null default 0,
  government_amount numeric(14, 2) not null default 0,
  enterprise_amount numeric(14, 2) not null default 0,
  investment_amount numeric(14, 2) not null default 0,
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint funding_records_pkey primary key (tenant_id, id),
  constraint funding_records_school_fkey foreign key (tenant_id, school_id) references organizations (tenant_id, id),
  constraint funding_records_enterprise_fkey foreign key (tenant_id, enterprise_id) references organizations (tenant_id, id),
  constraint funding_records_amounts_check check (institute_amount >= 0 and government_amount >= 0
    and enterprise_amount >= 0 and investment_amount >= 0)
);
select enable_tenant_rls('funding_records');

create table tasks (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  plugin_id text,
  task_key text,
  title text not null,
  clause text,
  lead_unit_id uuid,
  co_unit_ids uuid[] not null default '{}',
  due_on date,
  status text not null default 'not_started',
  progress integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint tasks_pkey primary key (tenant_id, id),
  constraint tasks_plugin_key unique (tenant_id, plugin_id, task_key),
  constraint tasks_lead_unit_fkey foreign key (tenant_id, lead_unit_id) references organizations (tenant_id, id),
  constraint tasks_status_check check (status in ('not_started', 'in_progress', 'done', 'cancelled')),
  constraint tasks_progress_check check (progress between 0 and 100)
);
select enable_tenant_rls('tasks');
create index tasks_lead_unit_idx on tasks (tenant_id, lead_unit_id, due_on);

create table task_notes (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  task_id uuid not null,
  note text not null,
  progress integer,
  author_user_id uuid,
  created_at timestamptz not null default now(),
  constraint task_notes_pkey primary key (tenant_id, id),
  constraint task_notes_task_fkey foreign key (tenant_id, task_id) references tasks (tenant_id, id) on delete cascade,
  constraint task_notes_progress_check check (progress is null or progress between 0 and 100)
);
select enable_tenant_rls('task_notes');
`).execute(db);
}
