import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { buildApp } from '../../app.ts';
import type { Database } from '../../database.ts';
import { openDatabase } from '../db/connect.ts';

describe('operational endpoints and the API document', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ people: 20 });
  });
  after(() => t.close());

  it('reports health only when the database answers, and info and metrics', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'UP' });
    const info = await t.app.inject({ method: 'GET', url: '/info' });
    assert.match(info.json().version, /^\d+\.\d+\.\d+$/);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.match(metrics.body, /http_request_duration_seconds_bucket/);
    assert.match(metrics.body, /process_resident_memory_bytes/);
  });

  it('reports DOWN with 503 when the database does not answer', async () => {
    const unreachable = await openDatabase<Database>({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' });
    const app = await buildApp({ db: unreachable.db, databaseKind: 'server', logLevel: 'silent' });
    try {
      const health = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(health.statusCode, 503);
      assert.deepEqual(health.json(), { status: 'DOWN' });
    } finally {
      await app.close();
      await unreachable.close();
    }
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/api/v1/people', '/api/v1/people/{crn}', '/api/v1/people/{crn}/audit']) assert.ok(doc.paths[path], path);
    assert.ok(doc.paths['/api/v1/people'].post.requestBody.content['application/json'].schema.properties.pnc);
    assert.ok(doc.paths['/api/v1/people/{crn}'].get.responses['200'].content['application/json'].schema.properties.crn);
    assert.ok(doc.components.securitySchemes.bearer);
    assert.equal(doc.paths['/health'], undefined, 'operational and page routes are not part of the API');
  });

  it('answers unknown paths with 404 and a message, on pages and the API', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/nowhere', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /There is nothing at \/nowhere/);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    assert.equal(api.statusCode, 404);
    assert.match(api.json().message, /nothing at/);
  });

  it('serves the design systems\' assets', async () => {
    for (const url of ['/assets/govuk-frontend.min.css', '/assets/moj-frontend.min.css', '/assets/govuk-frontend.min.js', '/assets/app.mjs', '/assets/fonts/bold-b542beb274-v2.woff2']) {
      const response = await t.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
    }
  });
});
