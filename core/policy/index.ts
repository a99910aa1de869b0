// The plugin SDK's public surface: what a policy plugin and its tests import, and nothing more.
export { SDK_VERSION, defineCalculator, definePolicyPlugin, PluginDefinitionError, SdkVersionMismatchError } from './define-policy-plugin.ts';
export type { CalculatorSpec, ParameterSpecs, PluginLayer, PolicyCalculator, PolicyPlugin, PolicyPluginSpec, PolicyRule, RuleContext, RuleSpec } from './define-policy-plugin.ts';
export { defineParameter, parameterAt, ParameterDefinitionError, ParameterNotInForceError } from './parameters.ts';
export type { DatedValue, LocalizedText, Parameter, ParameterReading, ParameterSpec, ParameterValueSpec } from './parameters.ts';
export type { Reminder, ReminderSpec, Report, ReportSpec, Source, Target, TargetSpec, Task, TaskSpec } from './plugin-schema.ts';
export { findingKey, severities, subjectTypes } from './finding.ts';
export type { Explanation, Facts, Finding, RuleFinding, Severity, Subject, SubjectType } from './finding.ts';
export { formatMessage } from './messages.ts';
export type { Locale, MessageParams, MessageTemplates } from './messages.ts';
export { dataView, viewCollections } from './data-view.ts';
export type {
  AgreementView,
  DesignationView,
  EvaluationView,
  FundingRecordView,
  InsuranceView,
  InternshipView,
  MajorView,
  OrganizationView,
  PolicyDataView,
  PracticePeriodView,
  StudentView,
  TeacherView,
  ViewCollection,
} from './data-view.ts';
export { isIsoDate, type IsoDate } from './dates.ts';
export { evaluateEach, evaluatePlugins, pluginErrorKinds } from './evaluate.ts';
export type { EvaluateOptions, EvaluationResult, PluginError, PluginErrorKind, PluginOutcome } from './evaluate.ts';
export { testPlugin, PluginTestError } from './test-plugin.ts';
export type { ExpectedFinding, PluginFixture } from './test-plugin.ts';
export { addMonths, DAY_MS, fromDay, monthsIn, toDay } from './calendar.ts';
// zod comes through the SDK, so a plugin's only import is the SDK (config schemas, calculator inputs).
export { z } from 'zod';
