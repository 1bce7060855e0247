import fs from 'node:fs';
import { sql } from 'kysely';
import { progressBar, scoreOgrs3Csv } from './assessment/score-csv.ts';
import { recalculateAllTiers } from './assessment/tier/recalculate.ts';
import { verifyAuditChain, writeAudit } from './audit/audit-log.ts';
import { createApiToken } from './auth/repository.ts';
import { ConfigError } from './platform/config.ts';
import { DatabaseInUseError } from './platform/db/lock.ts';
import { loadConfig, prepareDatabase } from './service.ts';
import { adapterFor } from './supervision/reminders/scheduler.ts';
import { pollStatuses, sweep } from './supervision/reminders/sender.ts';
import { capacityOfAll } from './workforce/workload/service.ts';

const usage = `Usage: npm run cli -- <command>

Commands:
  migrate                              bring the database schema up to date (and load demo data if empty)
  token create --user NAME [--label L] issue an API token for a user; prints it on the last line
  audit verify                         check the audit log's hash chain; reports the first broken row
  tier recalculate                     recalculate the scores and tier of every case with a current sentence
                                       (run daily: a licence's unsupervised part begins with the calendar)
  workload all                         work out every practitioner's capacity (reads only) and count those over capacity
  score ogrs3 <input.csv >output.csv   score a CSV of cases with OGRS3 (columns as the API's fields); no database needed
  reminders send                       queue tomorrow's text reminders and send those due (the service does this every 5 minutes)
  reminders status                     ask GOV.UK Notify for the delivery status of texts sent in the last 3 days
`;

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return value;
}

/** The operators' command line. Each command opens the database itself (one owner at a time on the embedded one). */
async function run(args: string[]): Promise<number> {
  const [command, sub] = args;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return 0;
  }
  if (command === 'score') {
    if (sub !== 'ogrs3') throw new UsageError('score needs a predictor: score ogrs3 <input.csv >output.csv');
    return scoreFromStdin();
  }
  const known = command === 'migrate' || (command === 'token' && sub === 'create') || (command === 'audit' && sub === 'verify') || (command === 'tier' && sub === 'recalculate') || (command === 'workload' && sub === 'all')
    || (command === 'reminders' && (sub === 'send' || sub === 'status'));
  if (!known) throw new UsageError(`Unknown command: ${args.join(' ')}`);

  const config = loadConfig();
  const handle = await prepareDatabase(config, (line) => console.error(line));
  try {
    const { db } = handle;
    if (command === 'migrate') {
      console.log('The database is up to date.');
      return 0;
    }
    if (command === 'token') {
      const username = option(args, 'user');
      if (!username) throw new UsageError('token create needs --user NAME');
      const user = await db.selectFrom('users').select(['id', 'username', 'active']).where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
      if (!user) throw new UsageError(`There is no user called ${username}`);
      if (!user.active) throw new UsageError(`The user ${user.username} is deactivated`);
      const label = option(args, 'label') ?? 'issued from the command line';
      const { token, id } = await createApiToken(db, { userId: user.id, label, createdBy: null });
      await writeAudit(db, { userId: null, username: 'cli', requestId: null, ip: null }, { action: 'token.create', detail: { tokenId: id, forUser: user.username, label } });
      console.error(`API token for ${user.username} (keep it secret; it is not shown again):`);
      console.log(token);
      return 0;
    }
    if (command === 'reminders') {
      const adapter = adapterFor(config.notify);
      if (sub === 'send') {
        const r = await sweep(db, adapter);
        console.log(`Reminders through ${adapter.provider}: ${r.queued} queued, ${r.notSent} not sendable (reason recorded), ${r.sent} sent, ${r.retrying} to retry, ${r.waiting} waiting for quiet hours to end, ${r.failed} failed, ${r.permanentFailures} refused, ${r.cancelled} cancelled.`);
        return 0;
      }
      const r = await pollStatuses(db, adapter);
      console.log(adapter.status ? `Checked ${r.checked} texts with Notify: ${r.delivered} delivered, ${r.failed} failed, ${r.errors} could not be checked.` : 'Reminders go to the outbox (no NOTIFY_API_KEY): there is no delivery status to check.');
      return r.errors ? 2 : 0;
    }
    if (command === 'tier') {
      const started = Date.now();
      // On a server two transactions at once: one is computed while the other is read.
      const result = await recalculateAllTiers(db, 'Scheduled recalculation', { concurrency: handle.kind === 'server' ? 2 : 1 });
      console.log(`Recalculated ${result.cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.calculated} new calculations, ${result.changed} changes of tier (notified).`);
      return 0;
    }
    if (command === 'workload') {
      const started = Date.now();
      const all = [...(await capacityOfAll(db, new Date().toISOString().slice(0, 10))).values()];
      const cases = all.reduce((sum, c) => sum + c.caseCount, 0);
      console.log(`Worked out the capacity of ${all.length} practitioners (${cases} cases) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${all.filter((c) => c.capacityPercent > 100).length} over capacity.`);
      return 0;
    }
    const result = await verifyAuditChain(db);
    if (result.ok) {
      console.log(`The audit log is intact: ${result.rows} rows verified.`);
      return 0;
    }
    console.log(`The audit log is BROKEN at row ${result.brokenAt}: ${result.reason}. ${result.rows} rows before it verified.`);
    return 2;
  } finally {
    await handle.close();
  }
}

/** Reads CSV on stdin, writes scored CSV on stdout, and draws progress on stderr. */
async function scoreFromStdin(): Promise<number> {
  const stat = fs.fstatSync(0);
  const draw = progressBar(stat.isFile() ? stat.size : null);
  const tty = process.stderr.isTTY;
  let calls = 0;
  const { rows, errors } = await scoreOgrs3Csv(process.stdin, process.stdout, (progress) => {
    if (tty) process.stderr.write(`\r${draw(progress)}${progress.done ? '\n' : ''}`);
    else if (progress.done || ++calls % 10 === 0) process.stderr.write(`${draw(progress)}\n`);
  });
  if (errors) process.stderr.write(`${errors} of ${rows} rows could not be scored: see the ogrs3_error column.\n`);
  return 0;
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
    else if (error instanceof ConfigError || error instanceof DatabaseInUseError) console.error(error.message);
    else console.error('The command failed:', error);
    process.exit(1);
  });
