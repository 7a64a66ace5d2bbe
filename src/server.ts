// config → database → migrate → reference data → (demo data) → listen.

import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config, Timeouts } from './config.ts';
import { type DbHandle, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { requeueInterrupted } from './jobs/jobs.ts';
import { startMailer } from './modules/notifications/mailer.ts';
import { ensureRegions } from './modules/regions/regions.load.ts';
import { startReminders } from './modules/settlement/settlement.notices.ts';

export async function prepareDatabase(config: Config, log: (s: string) => void = () => {}): Promise<DbHandle> {
  const handle = await openDatabase(config);
  try {
    const applied = await migrate(handle.db);
    if (applied.length) log(`Migrasi diterapkan / migrations applied: ${applied.join(', ')}`);
    const regions = await ensureRegions(handle.db);
    if (regions) log(`Wilayah dimuat / regions loaded: ${regions}`);
    if (handle.kind === 'pglite') {
      const again = await requeueInterrupted(handle.db);
      if (again) log(`Tugas yang terputus diulang / interrupted jobs queued again: ${again}`);
    }
    return handle;
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** The Node server's own limits: a client that is slow to send its request, or idle, loses its socket. */
function applyTimeouts(server: Server, t: Timeouts) {
  server.requestTimeout = t.request;
  server.headersTimeout = t.headers;
  server.keepAliveTimeout = t.keepAlive;
  server.setTimeout(t.idle);
  // Node looks for expired requests only this often (30 s by default), which would let a 10 s header
  // limit run to 40 s; it is read when the server starts listening.
  Object.assign(server, { connectionsCheckingInterval: Math.max(250, Math.min(5_000, t.headers / 4)) });
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);

export async function startServer(config: Config, handle: DbHandle): Promise<FastifyInstance> {
  const app = await buildApp({ handle, config, logger: true });
  applyTimeouts(app.server, config.timeouts);
  // Notification mail (ETALASE_SMTP_URL): this process sends what the outbox holds, until it closes.
  const mailer = startMailer(handle, config, (msg, err) => (err ? app.log.error({ err }, msg) : app.log.warn(msg)));
  if (mailer) app.addHook('onClose', () => mailer.stop());
  // Settlement's clock (C8): due soon, overdue, past the legal deadline, not issued — told once each.
  const stopReminders = startReminders(handle.db, config.clock, (msg, err) => app.log.error({ err }, msg));
  app.addHook('onClose', async () => stopReminders());
  let stopping = false;
  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish for a bounded time (new requests on
  // open sockets get Fastify's 503), then cut what is left, close the database and exit. A second
  // signal exits at once.
  const shutdown = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    app.log.info(`${signal}: shutting down`);
    const { shutdown: drainMs } = config.timeouts;
    setTimeout(() => process.exit(1), drainMs + 5_000).unref(); // whatever hangs, the process ends
    const cut = setTimeout(() => app.server.closeAllConnections(), drainMs);
    await within(
      app.close().catch((e) => app.log.error(e, 'close failed')),
      drainMs + 1_000,
    );
    clearTimeout(cut);
    await within(
      handle.close().catch((e) => app.log.error(e, 'database close failed')),
      3_000,
    );
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  return app;
}
