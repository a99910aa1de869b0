// English: the second language; `satisfies` keeps its keys identical to zh-CN.ts.
import type { MessageKey } from './zh-CN.ts';

export const en = {
  'app.name': 'Chanjiao',
  'app.mark': '产',
  'app.tagline': 'Industry–education integration and school–enterprise cooperation',
  'nav.home': 'Home',
  'nav.account': 'Account',
  'nav.logout': 'Sign out',
  'nav.language': 'Language',
  'nav.skip': 'Skip to content',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'landing.title': 'Choose your region',
  'landing.intro':
    'Chanjiao helps regional education bureaus, vocational schools and enterprises carry out integration policy, record their cooperation and follow up on obligations.',
  'landing.operator': 'Platform operator sign-in',
  'landing.empty': 'No region is onboarded yet. A platform operator adds a manifest in tenants/ and restarts.',

  'login.title': 'Sign in · {tenant}',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.demoHint': 'Demo accounts: {emails}, password {password}',
  'login.lockHint': 'Five wrong passwords in a row lock the account for 15 minutes.',

  'home.title': '{tenant} · Workspace',
  'home.welcome': 'Welcome, {name}',
  'home.signedInAs': 'Signed in as: {role}',
  'home.empty':
    'Your tasks, policy target progress and reminders will appear here. Nothing is recorded yet: start by adding partner enterprises and agreements in the school workspace.',

  'account.title': 'Account security',
  'account.changePassword': 'Change password',
  'account.currentPassword': 'Current password',
  'account.newPassword': 'New password',
  'account.passwordRule': 'At least 10 characters, from at least 3 of: upper case, lower case, digits, symbols.',
  'account.submit': 'Save new password',
  'account.changed': 'Password changed; every other device has been signed out.',

  'role.platform_operator': 'Platform operator',
  'role.bureau_admin': 'Bureau administrator',
  'role.department_officer': 'Department officer',
  'role.school_admin': 'School administrator',
  'role.teacher': 'Teacher',
  'role.enterprise_mentor': 'Enterprise mentor',
  'role.evaluator': 'Evaluator',

  'tenantKind.platform': 'Platform',
  'tenantKind.county': 'County',
  'tenantKind.corps-division': 'Corps division',
  'tenantKind.high-tech-zone': 'High-tech zone',
  'tenantKind.city': 'City',
  'tenantKind.district': 'District',

  'error.notFound': 'No such page or record.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.conflict': 'Someone else changed this record; reload and try again.',
  'error.unauthenticated': 'Please sign in.',
  'error.invalid': 'Some fields need correcting.',
  'error.badRequest': 'The request is malformed.',
  'error.internal': 'Something went wrong on the server. Try again later; if it persists, give the request id to an administrator.',
  'error.loginFailed': 'Wrong e-mail or password, or the account is locked after repeated failures (try again in 15 minutes).',
  'error.rateLimited': 'Too many attempts; please wait a moment.',
  'errorPage.title': 'Something went wrong',
  'errorPage.requestId': 'Request id: {id}',
  'errorPage.back': 'Back to the home page',

  'password.tooShort': 'The password needs at least {min} characters.',
  'password.classes': 'The password needs at least 3 of: upper case, lower case, digits, symbols.',
  'password.wrongCurrentPassword': 'The current password is wrong.',
  'password.samePassword': 'The new password must differ from the current one.',
  'tenant.timezone': 'Must be an IANA time zone such as Asia/Shanghai.',

  'banner.jobsPaused':
    'Background jobs are paused: Redis cannot be reached. Reminders are kept in the database and go out once it is back. Set REDIS_URL or install redis-server to enable them.',
} as const satisfies Record<MessageKey, string>;
