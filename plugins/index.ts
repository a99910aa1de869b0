// Every policy plugin by id: what a tenant manifest may enable. The engine takes plugins from
// here as a parameter, so core never imports plugins/.
import type { PolicyPlugin } from '../core/policy/index.ts';
import gaoqing from './gaoqing-zbkjxx-2025/plugin.ts';
import licheng from './licheng-consortium/plugin.ts';
import qianxi from './qianxi-school-enterprise/plugin.ts';
import baseline from './school-enterprise-baseline/plugin.ts';
import xpcc12 from './xpcc12-2020/plugin.ts';
import yichang from './yichang-vocational-group/plugin.ts';
import ziboHitech from './zibo-hitech-2023/plugin.ts';

export const policyPlugins: ReadonlyMap<string, PolicyPlugin> = new Map(
  [gaoqing, xpcc12, qianxi, licheng, baseline, yichang, ziboHitech].map((plugin) => [plugin.id, plugin]),
);
