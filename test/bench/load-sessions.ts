// Sign-ins for the load test with the demo accounts (password + TOTP). A TOTP step is accepted
// once per account, within one step either side of the server's now, so each sign-in takes the
// account whose next usable step is earliest, never the past one (a slow answer could cross a
// step's edge and make it two steps old): 2 sign-ins per account at once, then one per 30 s.
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoAccounts } from '../../core/demo/demo-accounts.ts';
import { totpCodeFor } from '../../core/two-factor/totp.ts';

const STEP_MS = 30_000;

export interface LoadAccount {
  slug: string;
  email: string;
  role: string;
}

export interface SignInTicket {
  account: LoadAccount;
  code: string;
}

/** Hands out (account, code) pairs that the server will accept, or null when none is left now. */
export function totpSteps(accounts: readonly LoadAccount[], now: () => number = Date.now) {
  const lastStep = new Map<string, number>();
  return {
    take(filter: (a: LoadAccount) => boolean = () => true): SignInTicket | null {
      const current = Math.floor(now() / STEP_MS);
      let best: { account: LoadAccount; step: number } | null = null;
      for (const account of accounts.filter(filter)) {
        const step = Math.max((lastStep.get(account.email) ?? -Infinity) + 1, current);
        if (step <= current + 1 && (!best || step < best.step)) best = { account, step };
      }
      if (!best) return null;
      lastStep.set(best.account.email, best.step);
      // The middle of the step: clear of its edges whatever the server's clock skew within a second.
      return { account: best.account, code: totpCodeFor(DEMO_TOTP_SECRET, new Date(best.step * STEP_MS + STEP_MS / 2)) };
    },
  };
}

/** Sign-ins a second the accounts sustain for any length of run: one per account per 30-s step. */
export const sustainableSignInsPerSecond = (accounts: number) => accounts / (STEP_MS / 1000);

export const demoLoadAccounts = (slugs: readonly string[]): LoadAccount[] =>
  slugs.flatMap((slug) => demoAccounts(slug).map((a) => ({ slug, email: a.email, role: a.role })));

export const passwordBody = (account: LoadAccount) => JSON.stringify({ email: account.email, password: DEMO_PASSWORD });

export const sessionCookie = (setCookie: string | string[] | null | undefined): string | null => {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? setCookie.split(/,(?=\s*cj_)/) : [];
  return all.find((c) => c.trim().startsWith('cj_session='))?.trim().split(';')[0] ?? null;
};

/** Both steps with fetch; returns the session cookie (for the scenarios that act signed in). */
export async function signIn(origin: string, publicOrigin: string, ticket: SignInTicket): Promise<string> {
  const { account, code } = ticket;
  const res = await fetch(`${origin}/api/v1/t/${account.slug}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: passwordBody(account) });
  if (res.status !== 200) throw new Error(`sign-in of ${account.email}: ${res.status} ${await res.text()}`);
  const pending = sessionCookie(res.headers.getSetCookie());
  const done = await fetch(`${origin}/api/v1/t/${account.slug}/session/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: publicOrigin, cookie: pending ?? '' },
    body: JSON.stringify({ code }),
  });
  if (done.status !== 200) throw new Error(`TOTP step of ${account.email}: ${done.status} ${await done.text()}`);
  const cookie = sessionCookie(done.headers.getSetCookie());
  if (!cookie) throw new Error(`TOTP step of ${account.email}: no session cookie`);
  return cookie;
}
