// Migrations at start-up: a file changed after it was applied stops the start with a message naming it
// (in both languages); rows recorded before checksums existed are filled once; two processes migrating
// one fresh PostgreSQL database at the same moment apply each file exactly once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.ts';
import { testDb } from '../db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-migrations-'));
for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
const first = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.sql'))
  .sort()[0] as string;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('migration checksums', () => {
  it('fills missing checksums once, then refuses a changed file by name', async () => {
    const handle = await testDb();
    try {
      expect(await migrate(handle.db, dir)).toEqual([]); // same files: nothing to do
      await sql`UPDATE schema_migrations SET checksum = NULL WHERE name = ${first}`.execute(handle.db);
      expect(await migrate(handle.db, dir)).toEqual([]); // a database from before checksums starts
      const row = await sql<{ checksum: string }>`SELECT checksum FROM schema_migrations WHERE name = ${first}`.execute(handle.db);
      expect(row.rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);

      fs.appendFileSync(path.join(dir, first), '\n-- edited after release\n');
      const refused = await migrate(handle.db, dir).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(refused).toContain(first);
      expect(refused).toMatch(/telah berubah/);
      expect(refused).toMatch(/has changed/);
    } finally {
      await handle.close();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('concurrent start on PostgreSQL', () => {
  it('applies every migration once when two processes migrate a fresh database together', async () => {
    const url = process.env.DATABASE_URL as string;
    const name = `etalase_m_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const a = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    const b = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    try {
      const [ra, rb] = await Promise.all([migrate(a.db), migrate(b.db)]);
      const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f));
      expect([...ra, ...rb].sort()).toEqual(files.sort()); // between them, each file once
      const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM schema_migrations`.execute(a.db);
      expect(Number(rows.rows[0]?.n)).toBe(files.length);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
