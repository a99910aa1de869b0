// Tenant settings, policy calculators and onboarding in a real browser: the bureau sets a plugin
// config value that the plugin refuses (the error appears beside the field, nothing saved), then
// a good one (saved, shown); works out the 十二师 surcharge deduction (a bad amount refused beside
// its field, then the result with its clause); the platform operator onboards a region from the
// form and its first admin signs in with the one-time password. Screenshots: settings,
// settings-error, settings-saved, calculators, calculators-result, settings-375, calculators-375,
// operator-home, onboard, onboard-error, onboard-done (test/e2e/screenshots/).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, OPERATOR_EMAIL } from '../../core/demo/demo-accounts.ts';
import { totpCodeFor } from '../../core/two-factor/totp.ts';
import { launchBrowser, shot, signInAs } from './browser.ts';
import { startE2eServer, type E2eServer } from './e2e-server.ts';

const SLUG = 'xpcc-12';
let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

let bureau: Page | undefined;
/** One signed-in bureau page for the file: a TOTP code is accepted once, so signing in twice within 30 s fails. */
async function bureauPage(): Promise<Page> {
  if (!bureau) {
    bureau = await fresh();
    await signInAs(bureau, server.url, SLUG, 'bureau');
  }
  return bureau;
}

async function fresh(width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer([SLUG, 'platform']), launchBrowser()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe('settings, calculators and onboarding in chromium', () => {
  const field = '#layer-xpcc12-2020--xpcc12-2020-hiringCheckSeverity';

  it('shows a refused plugin config value beside its field, then saves a good one', async () => {
    const page = await bureauPage();
    await page.click('nav.mainnav a[href$="/settings"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('政策插件设置');
    await shot(page, 'settings');

    // The form offers only the plugin's choices; a value outside them (as a tampered or stale form
    // would post) must still be refused by the plugin's own schema, beside the field.
    await page.evaluate(`document.querySelector('${field}').add(new Option('严重', 'severe'))`);
    await page.selectOption(field, 'severe');
    await page.click(`${field.replace('-hiringCheckSeverity', '')} form.form button[type=submit]`);
    await expect(page.locator(`${field}-error`).textContent()).resolves.toBe('请从以下选项中选择：提示、预警');
    await expect(page.locator(field).getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, 'settings-error');

    await page.selectOption(field, 'warning');
    await Promise.all([page.waitForURL(/saved=/), page.click(`${field.replace('-hiringCheckSeverity', '')} form.form button[type=submit]`)]);
    await expect(page.locator('p.success').textContent()).resolves.toContain('已保存');
    await expect(page.locator(field).inputValue()).resolves.toBe('warning');
    await expect(page.locator(`${field}-error`).count()).resolves.toBe(0);
    await shot(page, 'settings-saved');
  });

  it('works out the surcharge deduction from the generated form, refusing a negative amount beside its field', async () => {
    const page = await bureauPage();
    await page.goto(`${server.url}/t/${SLUG}/calculators`);
    await shot(page, 'calculators');
    const id = '#calc-xpcc12-2020--surcharge-deduction';
    await page.fill(`${id}-investment`, '-5');
    await page.fill(`${id}-surchargesDue`, '200000');
    await page.click(`${id} form button[type=submit]`);
    await expect(page.locator(`${id}-investment-error`).isVisible()).resolves.toBe(true);
    await page.fill(`${id}-investment`, '1000000');
    await page.click(`${id} form button[type=submit]`);
    const result = page.locator(`${id} .result`);
    await expect(result.textContent()).resolves.toContain('200,000');
    await expect(result.textContent()).resolves.toContain('三(五)16');
    await shot(page, 'calculators-result');
  });

  it('fits the settings and calculator pages on a 375-px phone without sideways scrolling', async () => {
    const page = await bureauPage();
    await page.setViewportSize({ width: 375, height: 800 });
    for (const [path, name] of [['settings', 'settings-375'], ['calculators', 'calculators-375']] as const) {
      await page.goto(`${server.url}/t/${SLUG}/${path}`);
      await expect(page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
      await shot(page, name);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('lets the platform operator onboard a region whose first admin then signs in', async () => {
    const page = await fresh();
    await page.goto(`${server.url}/t/platform/login`);
    await page.fill('#email', OPERATOR_EMAIL);
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login')), page.press('#password', 'Enter')]);
    await page.fill('#code', totpCodeFor(DEMO_TOTP_SECRET, new Date()));
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login/code')), page.press('#code', 'Enter')]);
    await shot(page, 'operator-home');
    await page.click('main a[href$="/tenants/new"]');
    await shot(page, 'onboard');

    await page.fill('#o-slug', 'New Region');
    await page.fill('#o-nameZh', '新区');
    await page.fill('#o-nameEn', 'New District');
    await page.selectOption('#o-kind', 'district');
    await page.selectOption('#o-plugins', ['licheng-consortium']);
    await page.fill('#o-adminEmail', 'chief@new-district.cn');
    await page.fill('#o-adminName', '李主任');
    await page.click('section[aria-labelledby="form-title"] button[type=submit]');
    await expect(page.locator('#o-slug-error').isVisible()).resolves.toBe(true);
    await shot(page, 'onboard-error');

    await page.fill('#o-slug', 'new-district');
    await page.click('section[aria-labelledby="form-title"] button[type=submit]');
    const password = (await page.locator('code.secret').textContent()) ?? '';
    expect(password).toHaveLength(20);
    await shot(page, 'onboard-done');

    const admin = await fresh();
    await admin.goto(`${server.url}/t/new-district/login`);
    await admin.fill('#email', 'chief@new-district.cn');
    await admin.fill('#password', password);
    await Promise.all([admin.waitForURL((url) => !url.pathname.endsWith('/login')), admin.press('#password', 'Enter')]);
    // A bureau admin must set up two-step verification before anything else.
    expect(new URL(admin.url()).pathname).toMatch(/\/t\/new-district\/login\/enrol/);
  });
});
