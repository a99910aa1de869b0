// 高青县: the county whose education bureau issued 淄博科学技术学校's 2025 integration plan (policy text 000).
import { defineTenant } from '../core/tenancy/manifest.ts';

export default defineTenant({
  slug: 'gaoqing',
  name: { 'zh-CN': '高青县', en: 'Gaoqing County' },
  kind: 'county',
  timezone: 'Asia/Shanghai',
  plugins: [{ id: 'gaoqing-zbkjxx-2025', config: {} }],
});
