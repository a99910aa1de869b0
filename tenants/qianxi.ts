// 黔西县 (Guizhou): 篇1 of the compiled school–enterprise cooperation plans (policy text 002).
import { defineTenant } from '../core/tenancy/manifest.ts';

export default defineTenant({
  slug: 'qianxi',
  name: { 'zh-CN': '黔西县', en: 'Qianxi County' },
  kind: 'county',
  timezone: 'Asia/Shanghai',
  plugins: [
    { id: 'qianxi-school-enterprise', config: {} },
    { id: 'school-enterprise-baseline', config: {} },
  ],
});
