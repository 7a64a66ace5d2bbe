// A throwaway, migrated database with regions for one test file: PGlite in memory by default, a fresh
// copy of the template database when DATABASE_URL is set. Always close it (an open PGlite keeps Node alive).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createPglite, type DbHandle, fromPglite, openDatabase } from '../src/db/client.ts';

export async function testDb(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  const template = inject('templateDatabase');
  if (url && template) {
    const name = `etalase_t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    return {
      ...handle,
      async close() {
        await handle.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        await admin.end();
      },
    };
  }
  const blob = new Blob([fs.readFileSync(inject('templateDump'))]);
  return fromPglite(await createPglite(undefined, { loadDataDir: blob }));
}

/** A copy of the template that outlives its handles, for tests that close the database and open it again (a
 *  restart): PGlite in a data directory on disk, or a database on the PostgreSQL server. `open()` may be
 *  called again once the previous handle is closed; `dispose()` removes the copy. */
export async function persistentTestDb(): Promise<{ open(): Promise<DbHandle>; dispose(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  const template = inject('templateDatabase');
  if (url && template) {
    const name = `etalase_r_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    return {
      open: () => openDatabase({ databaseUrl: u.toString(), dataDir: '' }),
      async dispose() {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        await admin.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-restart-'));
  const lite = await createPglite(path.join(dataDir, 'pgdata'), { loadDataDir: new Blob([fs.readFileSync(inject('templateDump'))]) });
  await lite.close();
  return {
    open: () => openDatabase({ dataDir }),
    async dispose() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
