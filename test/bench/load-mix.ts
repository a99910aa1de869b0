// The load test's mix, each scenario an autocannon run of its own, all at once for the same
// time: sign-ins (password + TOTP), the dashboard page, lists, record edits and an import
// preview, as the demo accounts. Latencies per scenario from every response, so p95 is exact.
import autocannon, { type Request as CannonRequest } from 'autocannon';
import { writeWorkbook } from '../../core/spreadsheets/write-workbook.ts';
import { withCreditCodeCheck } from '../../core/identifiers/credit-code.ts';
import { passwordBody, sessionCookie, signIn, sustainableSignInsPerSecond, totpSteps, type LoadAccount } from './load-sessions.ts';

export interface MixOptions {
  origin: string;
  /** The instance's PUBLIC_URL origin, sent as Origin on writes (CSRF). */
  publicOrigin: string;
  tenants: readonly string[];
  accounts: readonly LoadAccount[];
  durationS: number;
}

export interface ScenarioResult {
  name: string;
  requests: number;
  perSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and answers outside 2xx. */
  errors: number;
  /** The first answer outside 2xx, to say why. */
  firstError?: string;
}

interface Scenario {
  name: string;
  connections: number;
  /** Requests per second over all connections, when the scenario is paced rather than flat out. */
  overallRate?: number;
  requests: CannonRequest[];
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
const json = { 'content-type': 'application/json' };

/** Sign-in as a pipeline: password, then the code, each time for the account the TOTP steps allow. */
function loginScenario(options: MixOptions, steps: ReturnType<typeof totpSteps>): Scenario {
  type Ctx = { slug?: string; code?: string; cookie?: string };
  return {
    name: 'login (password + TOTP)',
    connections: 2,
    // Paced by TOTP: each sign-in needs a step not used before, the accounts give one per 30 s
    // each, so the pace (two requests a sign-in) holds for any duration; 42 accounts ≈ 1 sign-in/s.
    overallRate: Math.max(1, Math.floor(2 * sustainableSignInsPerSecond(options.accounts.length))),
    requests: [
      {
        method: 'POST',
        headers: json,
        setupRequest: (req, context: Ctx) => {
          const ticket = steps.take();
          if (!ticket) return req; // Counted as an error below: the mix asked for more than TOTP allows.
          context.slug = ticket.account.slug;
          context.code = ticket.code;
          return { ...req, path: `/api/v1/t/${ticket.account.slug}/session`, body: passwordBody(ticket.account) };
        },
        onResponse: (_status, _body, context: Ctx, headers) => {
          context.cookie = sessionCookie((headers as Record<string, string | string[]>)['set-cookie']) ?? '';
        },
      },
      {
        method: 'POST',
        setupRequest: (req, context: Ctx) => ({
          ...req,
          path: `/api/v1/t/${context.slug}/session/code`,
          headers: { ...json, origin: options.publicOrigin, cookie: context.cookie ?? '' },
          body: JSON.stringify({ code: context.code }),
        }),
      },
    ],
  };
}

async function importBody(): Promise<{ body: Buffer; contentType: string }> {
  const rows = Array.from({ length: 50 }, (_, i) => ['企业', `压测企业${i}`, withCreditCodeCheck(`91370300LD${String(i).padStart(7, '0')}`), i % 2 ? '中型' : '小型']);
  const file = await writeWorkbook('orgs', ['类型', '名称', '统一社会信用代码', '企业规模'].map((header) => ({ header })), rows);
  const form = new FormData();
  form.set('file', new File([file], 'orgs.xlsx'));
  const request = new Request('http://load.invalid/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

/** Signs in one bureau administrator per tenant and builds the signed-in scenarios for them. */
type EditCtx = { session?: { slug: string; cookie: string }; id?: string; version?: number };

async function signedInScenarios(options: MixOptions, steps: ReturnType<typeof totpSteps>): Promise<Scenario[]> {
  const sessions: { slug: string; cookie: string; orgIds: string[] }[] = [];
  for (const slug of options.tenants) {
    const ticket = steps.take((a) => a.slug === slug && a.role === 'bureau_admin');
    if (!ticket) throw new Error(`no TOTP step left for the bureau administrator of ${slug}`);
    const cookie = await signIn(options.origin, options.publicOrigin, ticket);
    const res = await fetch(`${options.origin}/api/v1/t/${slug}/organizations?limit=20`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`organizations of ${slug}: ${res.status} ${await res.text()}`);
    const { items } = (await res.json()) as { items: { id: string }[] };
    sessions.push({ slug, cookie, orgIds: items.map((r) => r.id) });
    // Warm-up and a check: the first dashboard of a tenant builds its caches, and a page that
    // fails here would only show up as a column of errors.
    const page = await fetch(`${options.origin}/t/${slug}`, { headers: { cookie } });
    if (page.status !== 200) throw new Error(`dashboard of ${slug}: ${page.status}`);
    await page.arrayBuffer();
  }
  const withOrgs = sessions.filter((s) => s.orgIds.length > 0);
  if (withOrgs.length === 0) throw new Error('no organizations in the demo tenants to edit');
  const upload = await importBody();
  // The import is checked once up front too: at 1 connection a slow machine may finish none in a short run.
  const first = sessions[0]!;
  const preview = await fetch(`${options.origin}/api/v1/t/${first.slug}/imports/organizations/preview`, {
    method: 'POST',
    headers: { 'content-type': upload.contentType, origin: options.publicOrigin, cookie: first.cookie },
    body: upload.body,
  });
  if (preview.status !== 200) throw new Error(`import preview: ${preview.status} ${await preview.text()}`);
  await preview.arrayBuffer();
  let edit = 0;
  return [
    { name: 'dashboard page', connections: 2, requests: sessions.map((s) => ({ method: 'GET', path: `/t/${s.slug}`, headers: { cookie: s.cookie } })) },
    {
      name: 'lists (API)',
      connections: 4,
      requests: sessions.flatMap((s) =>
        ['internships', 'teachers', 'organizations', 'students'].map((entity) => ({ method: 'GET' as const, path: `/api/v1/t/${s.slug}/${entity}?limit=50`, headers: { cookie: s.cookie } })),
      ),
    },
    {
      // Read the record, then change it with the version read (the API's optimistic concurrency).
      name: 'record edits (read + change)',
      connections: 1,
      requests: [
        {
          method: 'GET',
          setupRequest: (req, context: EditCtx) => {
            const s = withOrgs[edit % withOrgs.length]!;
            context.session = s;
            context.id = s.orgIds[Math.floor(edit / withOrgs.length) % s.orgIds.length]!;
            edit++;
            return { ...req, path: `/api/v1/t/${s.slug}/organizations/${context.id}`, headers: { cookie: s.cookie } };
          },
          onResponse: (status, body, context: EditCtx) => {
            context.version = status === 200 ? (JSON.parse(body) as { version: number }).version : -1;
          },
        },
        {
          method: 'PATCH',
          setupRequest: (req, context: EditCtx) => ({
            ...req,
            path: `/api/v1/t/${context.session!.slug}/organizations/${context.id}`,
            headers: { ...json, origin: options.publicOrigin, cookie: context.session!.cookie },
            body: JSON.stringify({ version: context.version, contactPhone: `0571-${String(edit % 100_000_000).padStart(8, '0')}` }),
          }),
        },
      ],
    },
    {
      name: 'import preview (50 rows)',
      connections: 1,
      requests: sessions.map((s) => ({
        method: 'POST' as const,
        path: `/api/v1/t/${s.slug}/imports/organizations/preview`,
        headers: { 'content-type': upload.contentType, origin: options.publicOrigin, cookie: s.cookie },
        body: upload.body,
      })),
    },
  ];
}

async function runScenario(origin: string, scenario: Scenario, durationS: number): Promise<ScenarioResult> {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  // Each request keeps its own onResponse and also notes the first refusal with its body.
  type OnResponse = (status: number, body: string, context: unknown, headers: unknown) => void;
  const requests = scenario.requests.map((r): CannonRequest => ({
    ...r,
    onResponse: ((status, body, context, headers) => {
      if ((status < 200 || status > 299) && !firstError) firstError = `${status} ${String(body).slice(0, 200)}`;
      (r.onResponse as OnResponse | undefined)?.(status, body, context, headers);
    }),
  }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: origin, connections: scenario.connections, overallRate: scenario.overallRate, duration: durationS, requests, timeout: 30 },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status < 200 || status > 299) failed++;
    });
  });
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name: scenario.name,
    requests: latencies.length,
    perSec: round(latencies.length / durationS),
    p50Ms: round(percentile(latencies, 0.5)),
    p95Ms: round(percentile(latencies, 0.95)),
    p99Ms: round(percentile(latencies, 0.99)),
    errors: failed + result.errors + result.timeouts,
    ...(firstError ? { firstError } : {}),
  };
}

export async function runMix(options: MixOptions): Promise<ScenarioResult[]> {
  const steps = totpSteps(options.accounts);
  const scenarios = [loginScenario(options, steps), ...(await signedInScenarios(options, steps))];
  return Promise.all(scenarios.map((s) => runScenario(options.origin, s, options.durationS)));
}

export function formatResults(results: readonly ScenarioResult[], durationS: number): string {
  const header = ['scenario', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'];
  const rows = results.map((r) => [r.name, String(r.requests), String(r.perSec), String(r.p50Ms), String(r.p95Ms), String(r.p99Ms), String(r.errors)]);
  const total = results.reduce((n, r) => n + r.requests, 0);
  rows.push(['all', String(total), String(Math.round((total / durationS) * 10) / 10), '', '', '', String(results.reduce((n, r) => n + r.errors, 0))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const why = results.filter((r) => r.firstError).map((r) => `${r.name}: first error ${r.firstError}`);
  return [line(header), ...rows.map(line), ...why].join('\n');
}
