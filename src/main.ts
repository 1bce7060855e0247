import type { AddressInfo } from 'node:net';
import { buildApp } from './app.ts';
import { ConfigError } from './platform/config.ts';
import { DatabaseInUseError } from './platform/db/lock.ts';
import { loadConfig, prepareDatabase, startScheduledWork } from './service.ts';

async function main() {
  const config = loadConfig();
  const handle = await prepareDatabase(config);
  const app = await buildApp({
    db: handle.db,
    databaseKind: handle.kind,
    secureCookies: config.secureCookies,
    sessionIdleMinutes: config.sessionIdleMinutes,
    logLevel: config.logLevel,
  });
  const stopScheduledWork = startScheduledWork(config, handle, (line) => app.log.info(line));
  app.addHook('onClose', stopScheduledWork);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: stopping`);
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const where = handle.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server';
  console.log(`Throughline is running at http://localhost:${port} on the ${where}.`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseInUseError) {
    console.error(error.message);
  } else {
    console.error('Throughline could not start:', error);
  }
  process.exit(1);
});
