// Mounts the tenant settings, the policy calculators and the operator's onboarding pages, and the
// suggestions behind reference search boxes: one route call in work-pages.tsx, before the
// resource pages' catch-all paths.
import { Hono } from 'hono';
import { notFound } from '../../../core/errors/app-error.ts';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { onboardPages } from '../operator/onboard-pages.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { isRefKind, searchRefOptions } from '../shared/ref-options.ts';
import { calculatorPages } from './calculator-pages.tsx';
import { settingsPages } from './settings-pages.tsx';

export function partBPages(deps: AppDeps, api: ApiBridge) {
  return new Hono<AppEnv>()
    .route('/', settingsPages(deps))
    .route('/', calculatorPages(deps, api))
    .route('/', onboardPages(deps))
    .get('/ref-options/:kind', requireUser('page'), async (c) => {
      const kind = c.req.param('kind');
      if (!isRefKind(kind)) throw notFound();
      return c.json({ items: await searchRefOptions(c.get('tx'), kind, c.get('auth')!.user, c.req.query('q') ?? '') });
    });
}
