import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { progressBar, scoreOgrs3Csv } from './score-csv.ts';

const header = 'crn,sex,dateOfBirth,followUpStartDate,currentConvictionDate,firstSanctionDate,previousSanctions,offenceCategory';

async function run(csv: string) {
  let out = '';
  const sink = new Writable({ write(chunk, _encoding, done) { out += String(chunk); done(); } });
  const progress: number[] = [];
  const summary = await scoreOgrs3Csv(Readable.from([csv]), sink, (p) => progress.push(p.rows));
  return { out, summary, progress };
}

describe('scoring a CSV file with OGRS3', () => {
  it('appends the scores to each row and keeps bad rows with their reasons', async () => {
    const { out, summary, progress } = await run([
      header,
      'X000001,male,1990-06-01,2026-01-10,2026-01-10,2008-03-01,4,burglary_domestic',
      '"X000002",female,"1985-02-03",2026-02-01,2026-01-20,2001-05-05,0,theft_non_motor',
      'X000003,male,not a date,2026-01-10,2026-01-10,2008-03-01,-2,jaywalking',
    ].join('\n'));
    assert.deepEqual(summary, { rows: 3, errors: 1 });
    const lines = out.trim().split('\n');
    assert.equal(lines[0], `${header},ogrs3_one_year,ogrs3_two_year,ogrs3_one_year_percent,ogrs3_two_year_percent,ogrs3_band,ogrs3_error`);
    assert.match(lines[1]!, /^X000001,.*,0\.\d{8},0\.\d{8},\d+,\d+,(low|medium|high|very_high),$/);
    assert.match(lines[2]!, /^X000002,female,1985-02-03,/);
    assert.match(lines[3]!, /^X000003,.*,,,,,,".*dateOfBirth: .*previousSanctions: .*offenceCategory: .*"$/);
    assert.deepEqual(progress.at(-1), 3);
  });

  it('shows rows, rate and time left', () => {
    const bar = progressBar(1000, Date.now() - 2000);
    assert.match(bar({ rows: 500_000, bytes: 500, done: false }), /^\[#{15}\.{15}\] 50% 500,000 rows, \d[\d,]* rows\/s, about \d+ s left$/);
    assert.match(progressBar(null)({ rows: 10, bytes: 0, done: true }), /10 rows, .* done$/);
  });
});
