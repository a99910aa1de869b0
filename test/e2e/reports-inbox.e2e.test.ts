// The bureau's annual report, the inbox and the department officer in a real browser: the bureau
// generates last year's report (no Redis here: it is generated at once), sees it ready, opens the
// printable view with its stylesheet and charts applied, and downloads the workbook; reminders
// delivered to the bureau's inbox are read and marked read; the officer moves a task's progress.
// Screenshots: reports, report-printable, inbox, officer-home (test/e2e/screenshots/).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, signInAs } from './browser.ts';
import { startE2eServer, type E2eServer } from './e2e-server.ts';

const SLUG = 'xpcc-12';
let server: E2eServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

const pages = new Map<string, Page>();

/** One signed-in page per person for the whole file: a TOTP code is accepted once, so no second sign-in. */
async function signedIn(who: 'bureau' | 'officer', width = 1280): Promise<Page> {
  const known = pages.get(who);
  if (known) return known;
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, server.url, SLUG, who);
  pages.set(who, page);
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer([SLUG]), launchBrowser()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe('reports, inbox and the officer in chromium', () => {
  it('lets the bureau generate last year’s report, open the printable view and download the workbook', async () => {
    const page = await signedIn('bureau');
    await page.click('nav.mainnav a[href$="/reports"]');
    await expect(page.locator('h1').first().textContent()).resolves.toBe('年度产教融合效能评价报告');
    await expect(page.locator('.empty').textContent()).resolves.toContain('还没有报告');
    const lastYear = String(new Date().getFullYear() - 1);
    await expect(page.locator('#report-year').inputValue()).resolves.toBe(lastYear);
    await Promise.all([page.waitForURL(/requested=/), page.click('form.report-form button[type=submit]')]);
    await expect(page.locator('p.success').textContent()).resolves.toContain(`${lastYear} 年度报告已生成`);
    await expect(page.locator('table.reports .badge').first().textContent()).resolves.toBe('已生成');
    await shot(page, 'reports');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.download-report')]);
    expect(download.suggestedFilename()).toBe(`report-${lastYear}-zh-CN.xlsx`);

    await Promise.all([page.waitForURL(/\/view$/), page.click('a.open-report')]);
    await expect(page.locator('h1').textContent()).resolves.toContain(`${lastYear} 年度产教融合效能评价报告`);
    // The report's own stylesheet is applied (the CSP would have dropped an inline <style>) …
    await expect(page.evaluate<string>("getComputedStyle(document.querySelector('table')).borderCollapse")).resolves.toBe('collapse');
    // … and the charts' text keeps its size (style attributes would have been dropped too).
    await expect(page.evaluate<string>("getComputedStyle(document.querySelector('figure svg text')).fontSize")).resolves.toBe('12px');
    await shot(page, 'report-printable');
    await Promise.all([page.waitForURL(/\/reports$/), page.click('nav.toolbar a[href$="/reports"]')]);
  });

  it('delivers the reminders due to the bureau’s inbox, and marks one read', async () => {
    const page = await signedIn('bureau');
    await page.goto(`${server.url}/t/${SLUG}/inbox`);
    await expect(page.locator('.empty').textContent()).resolves.toContain('暂无消息');
    // A policy check first, so reminders raised by open findings are due as well.
    await page.goto(`${server.url}/t/${SLUG}/findings`);
    await Promise.all([page.waitForURL(/evaluated=/), page.click('form[action$="/findings/evaluate"] button')]);
    expect(await server.deliverReminders(SLUG)).toBeGreaterThan(0);

    await page.click('nav.mainnav a[href$="/inbox"]');
    const unread = page.locator('li.finding.unread');
    const before = await unread.count();
    expect(before).toBeGreaterThan(0);
    await shot(page, 'inbox');
    await Promise.all([page.waitForLoadState('load'), unread.first().locator('form button').click()]);
    await expect(page.locator('li.finding.unread').count()).resolves.toBe(before - 1);
    await expect(page.locator('h1 .badge').textContent()).resolves.toBe(`${before - 1} 条未读`);
  });

  it('lets the department officer move a task’s progress from their home page, on a phone', async () => {
    const page = await signedIn('officer', 375);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('本单位工作任务');
    const task = page.locator('section.task').first();
    await expect(task.locator('.badge.bad').textContent()).resolves.toBe('已逾期');
    await task.locator('input[name=progress]').fill('80');
    await Promise.all([page.waitForURL(/saved=/), task.locator('button[type=submit]').click()]);
    await expect(page.locator('p.success').textContent()).resolves.toBe('任务进度已更新。');
    await expect(page.locator('section.task').first().textContent()).resolves.toContain('进度 80%');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await shot(page, 'officer-home');
  });
});
