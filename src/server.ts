// config → database → migrate → reference data → (demo data) → listen.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type DbHandle, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { ensureRegions } from './modules/regions/regions.load.ts';

export async function prepareDatabase(config: Config, log: (s: string) => void = () => {}): Promise<DbHandle> {
  const handle = await openDatabase(config);
  try {
    const applied = await migrate(handle.db);
    if (applied.length) log(`Migrasi diterapkan / migrations applied: ${applied.join(', ')}`);
    const regions = await ensureRegions(handle.db);
    if (regions) log(`Wilayah dimuat / regions loaded: ${regions}`);
    return handle;
  } catch (e) {
    await handle.close();
    throw e;
  }
}

export async function startServer(config: Config, handle: DbHandle): Promise<FastifyInstance> {
  const app = await buildApp({ handle, config, logger: true });
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  return app;
}
