// Every onboarded region; start-up syncs these into the tenants table.
import type { TenantManifest } from '../core/tenancy/manifest.ts';
import gaoqing from './gaoqing.ts';
import licheng from './licheng.ts';
import qianxi from './qianxi.ts';
import xpcc12 from './xpcc-12.ts';
import yichang from './yichang.ts';
import ziboHitech from './zibo-hitech.ts';

export const tenantManifests: readonly TenantManifest[] = [gaoqing, xpcc12, qianxi, licheng, yichang, ziboHitech];
