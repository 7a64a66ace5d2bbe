// Opens the database: PGlite (embedded PostgreSQL in WASM) by default, a PostgreSQL server when
// DATABASE_URL is set. Both go through pg.Pool → Kysely's PostgresDialect, so there is one SQL path.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
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

function kysely(pool: pg.Pool): Database {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/** Wraps an existing PGlite instance (tests use clones of a migrated template). */
export function fromPglite(pglite: PGlite, onClose?: () => void): DbHandle {
  const pool = new pg.Pool({ ...createPgConfig(pglite), types } as pg.PoolConfig);
  const db = kysely(pool);
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      onClose?.();
    },
  };
}

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<DbHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, types, max: 10 });
    // An idle connection the server ends (restart, failover, a dropped test database) must not crash the
    // process: the pool replaces it on the next checkout.
    pool.on('error', (e: Error & { code?: string }) => {
      if (e.code !== '57P01') process.stderr.write(`database connection lost: ${e.message}\n`);
    });
    const db = kysely(pool);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const release = lockDataDir(config.dataDir);
  try {
    const pglite = await PGlite.create(path.join(config.dataDir, 'pgdata'));
    return fromPglite(pglite, release);
  } catch (e) {
    release();
    throw e;
  }
}
