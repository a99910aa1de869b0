// The JSON API, under /api/v1: each tenant's resources below /t/:tenant (inside the tenant
// scope), and the OpenAPI document of all of them at /api/v1/openapi.json.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ResourceDef } from '../crud/resource.ts';
import { resourceRoutes } from '../crud/resource-routes.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { attachmentRoutes } from '../attachments/attachment-routes.ts';
import { agreementResource } from '../agreements/agreement-resource.ts';
import { orderClassResource } from '../agreements/order-class-resource.ts';
import { orderClassStudentRoutes } from '../agreements/order-class-student-routes.ts';
import { industryChainResource } from '../majors/industry-chain-resource.ts';
import { majorClusterResource } from '../majors/major-cluster-resource.ts';
import { majorResource } from '../majors/major-resource.ts';
import { majorStatsRoutes } from '../majors/major-stats-routes.ts';
import { baseResource } from '../bases/base-resource.ts';
import { eventResource } from '../events/event-resource.ts';
import { fundingResource } from '../funding/funding-resource.ts';
import { designationResource } from '../organizations/designation-resource.ts';
import { organizationResource } from '../organizations/organization-resource.ts';
import { demandPostResource } from '../talent-demand/demand-post-resource.ts';
import { talentSupplyRoutes } from '../talent-demand/talent-supply-routes.ts';
import { taskResource } from '../tasks/task-resource.ts';
import { taskRoutes } from '../tasks/task-routes.ts';
import { practicePeriodResource } from '../teachers/practice-period-resource.ts';
import { practiceSummaryRoutes } from '../teachers/practice-summary-routes.ts';
import { teacherResource } from '../teachers/teacher-resource.ts';
import { internshipEvaluationRoutes } from '../internships/evaluation-routes.ts';
import { internshipResource } from '../internships/internship-resource.ts';
import { internshipLogRoutes } from '../internships/log-routes.ts';
import { policyRoutes } from '../policy-engine/policy-routes.ts';
import { targetRoutes } from '../targets/target-routes.ts';
import { reportRoutes } from '../reports/report-routes.ts';
import { onboardingRoutes } from '../tenant-settings/onboarding-routes.ts';
import { settingsRoutes } from '../tenant-settings/settings-routes.ts';
import { reminderApiRoutes } from '../reminders/reminder-api.ts';
import { sessionRoutes } from '../sessions/session-routes.ts';
import { spreadsheetRoutes } from '../spreadsheets/spreadsheet-routes.ts';
import { studentResource } from '../students/student-resource.ts';
import { unmaskRoutes } from '../students/unmask-routes.ts';
import { consentRoutes } from '../privacy/consent-routes.ts';
import { privacyRoutes } from '../privacy/privacy-routes.ts';
import { subjectRequestRoutes } from '../privacy/subject-request-routes.ts';
import { trainingResource } from '../trainings/training-resource.ts';
import { userRoutes } from '../users/user-routes.ts';
import { auditLogRoutes } from '../audit-admin/audit-log-routes.ts';
import { supportAccessRoutes } from '../support-access/support-access-routes.ts';
import { twoFactorRoutes } from '../two-factor/two-factor-routes.ts';
import type { AppDeps, AppEnv } from './app-env.ts';

export function tenantApiRoutes(deps: AppDeps) {
  const { t, clock } = deps;
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(t) }).route('/', sessionRoutes(deps)).route('/', userRoutes(deps));
  api.route('/', twoFactorRoutes(deps)).route('/', auditLogRoutes(deps)).route('/', supportAccessRoutes(deps));
  const resources: ResourceDef[] = [
    organizationResource(t),
    designationResource(t),
    industryChainResource(),
    majorClusterResource(t),
    majorResource(t),
    agreementResource(t, clock),
    orderClassResource(t),
    teacherResource(t),
    practicePeriodResource(t),
    studentResource(t, deps.config.pii),
    internshipResource(t),
    baseResource(t),
    trainingResource(t),
    eventResource(t),
    fundingResource(t),
    demandPostResource(t),
  ];
  // Tasks come with their own guard and notes; exports list them like every other resource.
  api.route('/', spreadsheetRoutes(deps, [...resources, taskResource(t)]));
  api.route('/', taskRoutes(deps));
  api.route('/', reminderApiRoutes(deps));
  for (const resource of resources) api.route('/', resourceRoutes(resource, deps));
  api
    .route('/', majorStatsRoutes(deps))
    .route('/', orderClassStudentRoutes(deps))
    .route('/', practiceSummaryRoutes(deps))
    .route('/', internshipLogRoutes(deps))
    .route('/', internshipEvaluationRoutes(deps))
    .route('/', talentSupplyRoutes(deps))
    .route('/', attachmentRoutes(deps))
    .route('/', unmaskRoutes(deps))
    .route('/', consentRoutes(deps))
    .route('/', subjectRequestRoutes(deps, studentResource(t, deps.config.pii)))
    .route('/', privacyRoutes(deps))
    .route('/', policyRoutes(deps))
    .route('/', targetRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', settingsRoutes(deps))
    .route('/', onboardingRoutes(deps));
  return api;
}

export function apiV1(deps: AppDeps, tenantScope: MiddlewareHandler<AppEnv>) {
  const v1 = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  v1.use('/t/:tenant/*', tenantScope);
  v1.route('/t/:tenant', tenantApiRoutes(deps));
  v1.get('/openapi.json', (c) => {
    const doc = v1.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Chanjiao API', version: '1', description: 'Tenant-scoped JSON API; every path is below /api/v1/t/{tenant}.' },
      servers: [{ url: '/api/v1' }],
    });
    return c.json(doc);
  });
  return v1;
}
