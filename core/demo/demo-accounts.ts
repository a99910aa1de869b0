// The demo sign-ins `npm start` creates on the embedded database (or with DEMO=1).
import type { Role } from '../users/schema.ts';

export const DEMO_PASSWORD = 'Chanjiao-demo-2026';
/**
 * Every demo account is enrolled in 2FA with this TOTP secret (README: add it to an authenticator
 * app by hand, or compute codes with totpCodeFor(DEMO_TOTP_SECRET, new Date()) in scripts).
 */
export const DEMO_TOTP_SECRET = 'CHANJIAODEMOTOTPSECRETFORALLXYZ2';
export const OPERATOR_EMAIL = 'operator@chanjiao.demo';

export interface DemoAccount {
  email: string;
  role: Role;
  name: { 'zh-CN': string; en: string };
}

export function demoAccounts(slug: string): DemoAccount[] {
  if (slug === 'platform') {
    return [{ email: OPERATOR_EMAIL, role: 'platform_operator', name: { 'zh-CN': '平台运营', en: 'Platform operator' } }];
  }
  return [
    { email: `bureau@${slug}.demo`, role: 'bureau_admin', name: { 'zh-CN': '教育局管理员', en: 'Bureau administrator' } },
    { email: `school@${slug}.demo`, role: 'school_admin', name: { 'zh-CN': '学校管理员', en: 'School administrator' } },
    { email: `teacher@${slug}.demo`, role: 'teacher', name: { 'zh-CN': '示范教师', en: 'Demo teacher' } },
    { email: `mentor@${slug}.demo`, role: 'enterprise_mentor', name: { 'zh-CN': '企业导师', en: 'Enterprise mentor' } },
    { email: `officer@${slug}.demo`, role: 'department_officer', name: { 'zh-CN': '发展改革局联络员', en: 'Development and Reform Bureau officer' } },
    { email: `security@${slug}.demo`, role: 'security_admin', name: { 'zh-CN': '安全管理员', en: 'Security administrator' } },
    { email: `audit@${slug}.demo`, role: 'audit_admin', name: { 'zh-CN': '审计管理员', en: 'Audit administrator' } },
  ];
}
