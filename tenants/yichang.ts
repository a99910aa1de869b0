// 宜昌市: the city bureau running a vocational education group (policy text 003).
import { defineTenant } from '../core/tenancy/manifest.ts';

export default defineTenant({
  slug: 'yichang',
  name: { 'zh-CN': '宜昌市', en: 'Yichang City' },
  kind: 'city',
  timezone: 'Asia/Shanghai',
  plugins: [{ id: 'yichang-vocational-group', config: {} }],
});
