// The entities that can be imported and exported with fixed zh-CN columns. Each module's
// columns live here so templates, imports and exports stay the same table.
import { organizationResource } from '../organizations/organization-resource.ts';
import { enterpriseSizes, organizationKinds, ownerships, schoolLevels } from '../organizations/schema.ts';
import type { ImportSpec } from './import-spec.ts';

export const organizationsImport: ImportSpec = {
  entity: 'organizations',
  resource: organizationResource,
  naturalKey: { field: 'creditCode', column: 'credit_code' },
  columns: [
    { header: '类型', en: 'Kind', field: 'kind', labels: { prefix: 'organizationKind', values: organizationKinds } },
    { header: '名称', en: 'Name', field: 'name' },
    { header: '简称', en: 'Short name', field: 'shortName' },
    { header: '统一社会信用代码', en: 'Credit code', field: 'creditCode' },
    { header: '行业代码', en: 'Industry code', field: 'industryCode' },
    { header: '企业规模', en: 'Size', field: 'enterpriseSize', labels: { prefix: 'enterpriseSize', values: enterpriseSizes } },
    { header: '所有制', en: 'Ownership', field: 'ownership', labels: { prefix: 'ownership', values: ownerships } },
    { header: '办学层次', en: 'School level', field: 'schoolLevel', labels: { prefix: 'schoolLevel', values: schoolLevels } },
    { header: '地址', en: 'Address', field: 'address' },
    { header: '联系人', en: 'Contact', field: 'contactName' },
    { header: '联系电话', en: 'Phone', field: 'contactPhone' },
  ],
};

export const importSpecs: Record<string, ImportSpec> = {
  organizations: organizationsImport,
};
