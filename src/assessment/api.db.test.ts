import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';

const base = {
  sex: 'male', rsr: 4.2, rosh: 'high', mappaLevel: 0, complexityFactors: ['self_harm'], mandateForChange: true,
  needs: null, ogrs3TwoYearPercent: 55, iomNominal: false, unsupervised: false,
};

describe('POST /api/v1/tiers/calculate', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp({ people: 5 });
    token = await t.tokenFor('jo.po');
  });
  after(() => t.close());

  it('returns the tier with the points and reasons on both axes', async () => {
    const response = await t.api('POST', '/api/v1/tiers/calculate', token, base);
    assert.equal(response.statusCode, 200, response.body);
    const result = response.json();
    // RoSH high (20) beats RSR 3-7 (10); self-harm 2: protect 22 -> B. No needs assessment -> change 2.
    assert.equal(result.tier, 'B2');
    assert.equal(result.protect.points, 22);
    assert.ok(result.protect.reasons.some((reason: string) => /RoSH high: 20 points/.test(reason)));
    assert.ok(result.change.reasons.length > 0);
  });

  it('refuses bad input with a message per field, and needs a token', async () => {
    const response = await t.api('POST', '/api/v1/tiers/calculate', token, { ...base, rsr: '7', rosh: 'extreme', colour: 'blue' });
    assert.equal(response.statusCode, 400);
    const body = response.json();
    assert.ok(body.fields.rsr && body.fields.rosh && body.fields.colour, JSON.stringify(body));
    assert.equal((await t.api('POST', '/api/v1/tiers/calculate', null, base)).statusCode, 401);
    assert.equal((await t.api('POST', '/api/v1/tiers/calculate', token, 'not json')).statusCode, 415);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(doc.paths['/api/v1/tiers/calculate'].post.requestBody.content['application/json'].schema.properties.mappaLevel);
  });
});

describe('POST /api/v1/predictors/ogrs3', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp({ people: 5 });
    token = await t.tokenFor('jo.po');
  });
  after(() => t.close());

  it('scores a case with every term, and refuses bad input per field', async () => {
    const input = { sex: 'male', dateOfBirth: '1990-06-01', followUpStartDate: '2026-01-10', currentConvictionDate: '2026-01-10', firstSanctionDate: '2008-03-01', previousSanctions: 4, offenceCategory: 'burglary_domestic' };
    const response = await t.api('POST', '/api/v1/predictors/ogrs3', token, input);
    assert.equal(response.statusCode, 200, response.body);
    const result = response.json();
    assert.ok(result.twoYear > result.oneYear && result.twoYear < 1);
    assert.equal(result.twoYearPercent, Math.round(result.twoYear * 100));
    assert.ok(['low', 'medium', 'high', 'very_high'].includes(result.band));
    assert.ok(result.terms.offence.label.includes('domestic burglary'));

    const bad = await t.api('POST', '/api/v1/predictors/ogrs3', token, { ...input, offenceCategory: 'jaywalking', firstSanctionDate: '2027-01-01', previousSanctions: -1 });
    assert.equal(bad.statusCode, 400);
    const fields = bad.json().fields;
    assert.ok(fields.offenceCategory && fields.previousSanctions, JSON.stringify(fields));
    assert.equal((await t.api('POST', '/api/v1/predictors/ogrs3', token, [])).statusCode, 400);
  });
});
