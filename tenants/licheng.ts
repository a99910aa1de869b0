// 济南市历城区: 篇2 of policy text 002, a 校企政 joint R&D consortium.
import { defineTenant } from '../core/tenancy/manifest.ts';

export default defineTenant({
  slug: 'licheng',
  name: { 'zh-CN': '济南市历城区', en: 'Licheng District, Jinan' },
  kind: 'district',
  timezone: 'Asia/Shanghai',
  plugins: [
    { id: 'licheng-consortium', config: {} },
    { id: 'school-enterprise-baseline', config: {} },
  ],
});
