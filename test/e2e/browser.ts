// One headless Debian chromium for the whole browser suite (playwright-core, no downloaded
// browser), screenshots under test/e2e/screenshots/, and the one sign-in helper every scenario
// uses: password, then the demo TOTP code when the account has 2FA.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../core/demo/demo-accounts.ts';
import { totpCodeFor } from '../../core/two-factor/totp.ts';

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the login page (and the code page for accounts with 2FA); lands on the role's home. */
export async function signInAs(page: Page, baseUrl: string, slug: string, who: 'bureau' | 'school' | 'teacher' | 'mentor' | 'officer'): Promise<void> {
  await page.goto(`${baseUrl}/t/${slug}/login`);
  await page.fill('#email', `${who}@${slug}.demo`);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login')), page.press('#password', 'Enter')]);
  if (new URL(page.url()).pathname.endsWith('/login/code')) {
    await page.fill('#code', totpCodeFor(DEMO_TOTP_SECRET, new Date()));
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login/code')), page.press('#code', 'Enter')]);
  }
}
