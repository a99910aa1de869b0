// The web UI in a real browser, as its users use it: a school admin records an uninsured
// internship and sees the policy finding, the enterprise mentor evaluates the intern, the
// bureau sees its insurance target move, an import with one bad row is refused with the reason,
// the language switches to English, and the dashboard fits a 375-px phone. Screenshots of every
// main page go to test/e2e/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprises } from '../../core/demo/demo-catalog.ts';
import { launchBrowser, shot, signInAs } from './browser.ts';
import { startE2eServer, type E2eServer } from './e2e-server.ts';

const SLUG = 'xpcc-12';
let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages: Partial<Record<'bureau' | 'school' | 'mentor', Page>> = {};
let internshipId = '';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function pageOf(who: 'bureau' | 'school' | 'mentor'): Promise<Page> {
  const existing = pages[who];
  if (existing) return existing;
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, server.url, SLUG, who);
  pages[who] = page;
  return page;
}

async function insuredTargetText(page: Page): Promise<string> {
  await Promise.all([page.waitForURL(/rolledUp=1/), page.click('form[action$="/rollup"] button')]);
  return (await page.locator('[data-target="internships-insured"] p').textContent()) ?? '';
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer([SLUG]), launchBrowser()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe('the web UI in chromium', () => {
  let insuredBefore = '';

  it('shows the bureau its dashboard with targets, findings, tasks and schools', async () => {
    const page = await pageOf('bureau');
    insuredBefore = await insuredTargetText(page);
    expect(insuredBefore).toMatch(/\d/);
    await expect(page.locator('h1.page-title').textContent()).resolves.toBe('产教融合工作总览');
    await shot(page, 'bureau-dashboard');
  });

  it('lets a school admin record an internship without insurance, with field errors first, and shows the finding after a check', async () => {
    const page = await pageOf('school');
    await shot(page, 'school-home');
    await page.goto(`${server.url}/t/${SLUG}/internships/new`);
    await page.selectOption('#f-studentId', { index: 1 });
    await page.selectOption('#f-kind', 'post');
    // The mentor's own enterprise: a mentor can only be assigned interns at it.
    await page.selectOption('#f-enterpriseId', { label: enterprises[0].name });
    await page.selectOption('#f-enterpriseMentorUserId', { index: 1 });
    // Started ten days ago: the insurance rule and the insured-ratio metric count started internships.
    await page.fill('#f-startOn', day(-10));
    await page.fill('#f-endOn', day(-30));
    await page.click('form.form button[type=submit]');
    // The end before the start is named next to the end date, in Chinese, and nothing is saved.
    await expect(page.locator('#f-endOn-error').textContent()).resolves.toContain('不能早于');
    await shot(page, 'internship-form-errors');

    await page.fill('#f-endOn', day(180));
    await page.selectOption('#f-status', 'ongoing');
    await Promise.all([page.waitForURL(/saved=created/), page.click('form.form button[type=submit]')]).catch(async () => {
      throw new Error(`internship not created: ${await page.locator('.field-error, .error').allTextContents().then((t) => t.join(' | '))}`);
    });
    internshipId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.locator('.insurance.bad').textContent()).resolves.toContain('未投保');
    await shot(page, 'internship-uninsured');

    await page.goto(`${server.url}/t/${SLUG}/findings`);
    await Promise.all([page.waitForURL(/evaluated=/), page.click('form[action$="/findings/evaluate"] button')]);
    const finding = page.locator(`.findings a[href$="/internships/${internshipId}"]`);
    await expect(finding.count()).resolves.toBeGreaterThan(0);
    await page.locator('.findings details summary').first().click();
    await shot(page, 'findings');
  });

  it('lets the enterprise mentor evaluate the intern, refusing a score above 100 next to the field', async () => {
    const page = await pageOf('mentor');
    await shot(page, 'mentor-home');
    await page.click(`a[href$="/internships/${internshipId}"]`);
    await page.fill('#score-enterprise', '101');
    await page.click('form[action$="/evaluations/enterprise"] button');
    await expect(page.locator('#score-enterprise-error').isVisible()).resolves.toBe(true);
    await page.fill('#score-enterprise', '88.5');
    await page.fill('#comment-enterprise', '工作认真，技能掌握较好。');
    await Promise.all([page.waitForURL(/evaluated=1/), page.click('form[action$="/evaluations/enterprise"] button')]);
    await expect(page.locator('.side .score').first().textContent()).resolves.toBeDefined();
    await expect(page.locator('body').textContent()).resolves.toContain('88.5');
    await shot(page, 'internship-evaluated');
  });

  it('shows the bureau its insurance target move after the new uninsured intern', async () => {
    const page = await pageOf('bureau');
    await page.goto(`${server.url}/t/${SLUG}`);
    const after = await insuredTargetText(page);
    expect(after).not.toBe(insuredBefore);
  });

  it('refuses an import with one bad row, naming the row and the reason, and writes nothing', async () => {
    const page = await pageOf('school');
    await page.goto(`${server.url}/t/${SLUG}/imports?entity=teachers`);
    await shot(page, 'import-upload');
    const school = await server.schoolOf(SLUG);
    const csv = `学校,工号,姓名,入职日期\n${school},E2E-001,张三,2020-09-01\n${school},E2E-002,李四,2020-13-45\n`;
    await page.setInputFiles('#file', { name: 'teachers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.click('form[action$="/imports/preview"] button');
    const bad = page.locator('tr.bad-row');
    expect(await bad.allTextContents(), await page.locator('table.preview').textContent() ?? '').toHaveLength(1);
    await expect(bad.locator('td').first().textContent()).resolves.toBe('3');
    await expect(bad.textContent()).resolves.toContain('入职日期');
    await expect(page.locator('form[action*="/confirm"]').count()).resolves.toBe(0);
    await shot(page, 'import-preview-errors');
    await page.goto(`${server.url}/t/${SLUG}/teachers?q=${encodeURIComponent('张三')}`);
    await expect(page.locator('table.records').count()).resolves.toBe(0);
  });

  it('switches to English and stays on the same page', async () => {
    const page = await pageOf('school');
    await page.goto(`${server.url}/t/${SLUG}/agreements`);
    await Promise.all([page.waitForURL(/\/agreements/), page.click('a[hreflang=en]')]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Agreements');
    await shot(page, 'agreements-en');
    await page.click('a[hreflang=zh-CN]');
  });

  it('renders the dashboard on a 375-px phone without horizontal scrolling', async () => {
    const page = await pageOf('bureau');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.url}/t/${SLUG}`);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    await shot(page, 'bureau-dashboard-375');
    expect(width).toBeLessThanOrEqual(375);
  });
});
