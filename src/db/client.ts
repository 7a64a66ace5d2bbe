// Opens the database: PGlite (embedded PostgreSQL in WASM) by default, a PostgreSQL server when
// DATABASE_URL is set. Both go through pg.Pool → Kysely's PostgresDialect, so there is one SQL path.
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Config, DB_QUEUE_DEFAULT } from '../config.ts';
import { lockDataDir } from './lock.ts';
import type { DB } from './types.ts';

export type Database = Kysely<DB>;
export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
  db: Database;
  kind: DbKind;
  /** The PGlite instance in embedded mode (tests clone it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
// bigint always reaches TypeScript as bigint (money, counts); numeric as a JS number (net content).
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => BigInt(v);
    if (oid === NUMERIC) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v; // a calendar date stays 'YYYY-MM-DD', no zone shift
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads
    return pg.types.getTypeParser(oid, format as any);
  },
};

/** How long work may wait for and hold a connection; see Config.timeouts. */
export interface PoolLimits {
  /** Callers allowed to wait for a connection; the request frame answers 503 beyond it. */
  queue: number;
  checkoutMs: number;
  statementMs: number;
  idleInTransactionMs: number;
  /** How long a request may have waited behind a busy event loop before it is answered 503; 0: no limit. */
  maxWaitMs: number;
}

// Tests build their own handles without a wait limit: a slow shared CI machine must not answer them 503.
const DEFAULT_LIMITS: PoolLimits = {
  queue: DB_QUEUE_DEFAULT,
  checkoutMs: 5_000,
  statementMs: 30_000,
  idleInTransactionMs: 15_000,
  maxWaitMs: 0,
};

const pools = new WeakMap<Database, { pool: pg.Pool; limits: Pick<PoolLimits, 'queue' | 'maxWaitMs'> }>();
/** The PGlite instance behind a handle's Kysely (embedded mode only): COPY goes to it directly. */
const pglites = new WeakMap<Database, PGlite>();

// PGlite executes every statement on this thread, so while it works the requests behind it wait unread in
// their sockets, not in the pool's queue: measured at 200 req/s, the pool never had a waiter while the
// event loop stalled for up to a second. How long ago a 10 ms timer last ran is that hidden wait.
// Only a wait behind other requests counts (`admitted` since the last beat), so that a process the OS
// did not schedule for a while does not turn its next lone request away.
let lastBeat = performance.now();
let admitted = 0;
let beating = 0;
let beat: NodeJS.Timeout | undefined;
function heartbeat(on: boolean) {
  beating += on ? 1 : -1;
  if (on && beating === 1) {
    lastBeat = performance.now();
    beat = setInterval(() => {
      lastBeat = performance.now();
      admitted = 0;
    }, 10).unref();
  }
  if (!on && beating === 0) clearInterval(beat);
}

function kysely(pool: pg.Pool, limits: Pick<PoolLimits, 'queue' | 'maxWaitMs'>): Database {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, { pool, limits });
  if (limits.maxWaitMs > 0) heartbeat(true);
  return db;
}

async function destroy(db: Database) {
  const p = pools.get(db);
  if (p && p.limits.maxWaitMs > 0) heartbeat(false);
  pools.delete(db);
  await db.destroy();
}

/** True when a request should not join the wait for a connection: as many callers as the bound allows
 *  already wait, or the event loop has been busy longer than the wait limit. The request frame then
 *  answers 503 at once instead of letting every waiter's latency grow without bound. */
export function poolSaturated(db: Database): boolean {
  const p = pools.get(db);
  if (!p) return false;
  if (p.pool.waitingCount >= p.limits.queue) return true;
  if (p.limits.maxWaitMs > 0 && admitted > 0 && performance.now() - lastBeat > p.limits.maxWaitMs) return true;
  admitted++;
  return false;
}

/** pg-pool's error when `connectionTimeoutMillis` passed before a connection was free. */
export const isCheckoutTimeout = (e: unknown) => e instanceof Error && /timeout exceeded when trying to connect/i.test(e.message);

/** Every embedded instance is opened here, with the extensions the migrations create (pg_trgm: search by
 *  part of a name, served by an index). No data directory: in memory. */
export const createPglite = (dataDir?: string, options: PGliteOptions = {}) =>
  PGlite.create({ ...options, dataDir, extensions: { ...options.extensions, pg_trgm } });

/** Wraps an existing PGlite instance (tests use clones of a migrated template). */
export function fromPglite(
  pglite: PGlite,
  onClose?: () => void,
  limits: Pick<PoolLimits, 'queue' | 'maxWaitMs'> = DEFAULT_LIMITS,
): DbHandle {
  // One connection (createPgConfig's poolSize 1): PGlite is one session. No checkout timeout here: the
  // queue bound already limits the wait, and background jobs must not fail because requests were busy.
  const pool = new pg.Pool({ ...createPgConfig(pglite), types } as pg.PoolConfig);
  const db = kysely(pool, limits);
  pglites.set(db, pglite);
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await destroy(db);
      await pglite.close();
      onClose?.();
    },
  };
}

function limitsOf(config: Partial<Pick<Config, 'timeouts' | 'dbQueue'>>): PoolLimits {
  const t = config.timeouts;
  return {
    queue: config.dbQueue ?? DEFAULT_LIMITS.queue,
    checkoutMs: t?.checkout ?? DEFAULT_LIMITS.checkoutMs,
    statementMs: t?.statement ?? DEFAULT_LIMITS.statementMs,
    idleInTransactionMs: t?.idleInTransaction ?? DEFAULT_LIMITS.idleInTransactionMs,
    maxWaitMs: t?.queueWait ?? DEFAULT_LIMITS.maxWaitMs,
  };
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'timeouts' | 'dbQueue'>>,
): Promise<DbHandle> {
  const limits = limitsOf(config);
  if (config.databaseUrl) {
    // The server ends a statement or an abandoned transaction that runs too long, so a stuck request
    // cannot hold one of the ten connections (and its locks) for ever.
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      types,
      max: 10,
      connectionTimeoutMillis: limits.checkoutMs,
      statement_timeout: limits.statementMs,
      idle_in_transaction_session_timeout: limits.idleInTransactionMs,
      // No JIT compilation: measured at the design scale it cost 0.5–0.8 s on a list whose plan it judged
      // expensive, more than the query itself; this server answers many small queries.
      options: '-c jit=off',
    });
    // An idle connection the server ends (restart, failover, a dropped test database) must not crash the
    // process: the pool replaces it on the next checkout.
    pool.on('error', (e: Error & { code?: string }) => {
      if (e.code !== '57P01') process.stderr.write(`database connection lost: ${e.message}\n`);
    });
    const db = kysely(pool, limits);
    return { db, kind: 'postgres', close: () => destroy(db) };
  }
  const release = lockDataDir(config.dataDir);
  try {
    const pglite = await createPglite(path.join(config.dataDir, 'pgdata'));
    return fromPglite(pglite, release, limits);
  } catch (e) {
    release();
    throw e;
  }
}

/** True for a handle on PGlite (its statements run on this process's thread). */
export const isEmbedded = (db: Database) => pglites.has(db);

/** A bulk load into one table in PostgreSQL's COPY text format (tab-separated, `\N` for NULL, see
 *  `copyText`): `write` a batch of whole lines (each ending in a newline), `end` to finish, `abort` on
 *  failure. */
export interface CopyWriter {
  write(lines: string | Buffer): Promise<void>;
  end(): Promise<void>;
  abort(e: Error): Promise<void>;
}

/** Batches handed to PGlite's COPY at once: memory stays bounded whatever the file's size. */
const PGLITE_COPY_BYTES = 8 * 1024 * 1024;
const yieldLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * Opens a COPY … FROM STDIN into `table`, or returns null where COPY cannot be used (a transaction's
 * Kysely: its connection is not reachable from here). PostgreSQL: a connection of the pool of its own,
 * streamed through pg-copy-streams, so the server stores one batch while this thread prepares the next.
 * PGlite: each batch of ~8 MB is one `COPY … FROM '/dev/blob'` on the instance, run while holding the
 * pool's one connection (its one session), with a turn of the event loop after each — other requests are
 * answered between them.
 */
export async function openCopy(
  db: Database,
  table: string,
  columns: string[],
  /** COPY's options, e.g. `(FORMAT csv, DELIMITER ';')`; none: the text format. Each batch handed to
   *  `write` must end at the end of a record (PGlite copies batch by batch). */
  options = '',
): Promise<CopyWriter | null> {
  if (db.isTransaction) return null;
  const target = `${pg.escapeIdentifier(table)} (${columns.map((c) => pg.escapeIdentifier(c)).join(', ')})`;
  const withOptions = options ? ` WITH ${options}` : '';
  const lite = pglites.get(db);
  const p = pools.get(db);
  if (lite && p) {
    let parts: (string | Buffer)[] = [];
    let bytes = 0;
    const flush = async () => {
      if (!parts.length) return;
      const blob = new Blob(parts as BlobPart[]);
      parts = [];
      bytes = 0;
      // PGlite is one session: the COPY runs while this holds the pool's one connection, so that it never
      // lands inside another request's transaction; between batches the others have their turn.
      const client = await p.pool.connect();
      try {
        await lite.query(`COPY ${target} FROM '/dev/blob'${withOptions}`, [], { blob });
      } finally {
        client.release();
      }
      await yieldLoop();
    };
    return {
      async write(lines) {
        parts.push(lines);
        bytes += lines.length;
        if (bytes >= PGLITE_COPY_BYTES) await flush();
      },
      end: flush,
      async abort() {
        parts = [];
      },
    };
  }
  if (!p) return null;
  const client = await p.pool.connect();
  // The COPY of a national day may take longer than the pool's per-statement limit.
  await client.query(`SET statement_timeout = '30min'`);
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN${withOptions}`));
  let failed: Error | null = null;
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (e: Error) => {
      failed = e;
      reject(e);
    });
  });
  done.catch(() => {});
  const release = async (err?: Error) => {
    try {
      await client.query('RESET statement_timeout');
    } catch {
      // the connection is gone: released as broken below
    }
    client.release(err);
  };
  return {
    async write(lines) {
      if (failed) throw failed;
      if (!stream.write(lines)) {
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            stream.off('error', onError);
            resolve();
          };
          const onError = (e: Error) => {
            stream.off('drain', onDrain);
            reject(e);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
      }
    },
    async end() {
      stream.end();
      try {
        await done;
      } catch (e) {
        await release(e as Error);
        throw e;
      }
      await release();
    },
    async abort(e) {
      if (!failed) {
        // pg-copy-streams answers CopyFail to the server when the stream is destroyed with an error.
        stream.destroy(e);
        await done.catch(() => {});
      }
      await release();
    },
  };
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** A value in COPY's text format: null as `\N`, backslash, tab and line breaks escaped. */
export function copyText(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string) : v;
}
