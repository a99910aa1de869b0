// 淄博高新区: the zone committee's 2023 measures for vocational education (policy text 004).
import { defineTenant } from '../core/tenancy/manifest.ts';

export default defineTenant({
  slug: 'zibo-hitech',
  name: { 'zh-CN': '淄博高新技术产业开发区', en: 'Zibo High-tech Zone' },
  kind: 'high-tech-zone',
  timezone: 'Asia/Shanghai',
  plugins: [{ id: 'zibo-hitech-2023', config: {} }],
});
