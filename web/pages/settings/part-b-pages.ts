// Mounts the tenant settings, the policy calculators and the operator's onboarding pages: one
// route call in work-pages.tsx, before the resource pages' catch-all paths.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { onboardPages } from '../operator/onboard-pages.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { calculatorPages } from './calculator-pages.tsx';
import { settingsPages } from './settings-pages.tsx';

export function partBPages(deps: AppDeps, api: ApiBridge) {
  return new Hono<AppEnv>().route('/', settingsPages(deps)).route('/', calculatorPages(deps, api)).route('/', onboardPages(deps));
}
