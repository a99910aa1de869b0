// 新疆生产建设兵团第十二师: its 2020 plan to deepen industry–education integration (policy text 001).
// Offices of the Corps keep Beijing time, so the division's day turns with Asia/Shanghai.
import { defineTenant } from '../core/tenancy/manifest.ts';

export default defineTenant({
  slug: 'xpcc-12',
  name: { 'zh-CN': '新疆生产建设兵团第十二师', en: 'XPCC 12th Division' },
  kind: 'corps-division',
  timezone: 'Asia/Shanghai',
  plugins: [{ id: 'xpcc12-2020', config: {} }],
});
