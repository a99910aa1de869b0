// The OpenAPI document describes the API the app serves: every resource, with its list and item paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, makeTestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.drop());

const RESOURCES = [
  'organizations', 'enterprise-designations', 'industry-chains', 'major-clusters', 'majors', 'agreements', 'order-classes',
  'teachers', 'teacher-practice-periods', 'students', 'internships', 'bases', 'trainings', 'events',
  'talent-demand-posts', 'funding-records', 'tasks',
];

describe('/api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document with the list and item paths of every resource', async () => {
    const { app } = makeTestApp(tdb.handle.db);
    const res = await app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    for (const resource of RESOURCES) {
      expect(paths).toContain(`/t/{tenant}/${resource}`);
      expect(paths).toContain(`/t/{tenant}/${resource}/{id}`);
    }
  });
});
