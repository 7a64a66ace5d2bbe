// Forward-only migrations: numbered .sql files in migrations/, each applied in its own transaction and
// recorded in schema_migrations with the SHA-256 of its text. Identical on PGlite, PostgreSQL and Citus.
// Two processes starting on one server take turns (an advisory lock), and a file changed after it was
// applied stops the start: the database no longer matches what the code says it is.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Any fixed 64-bit number, the same in every process of this application ('etalase' in ASCII). */
const LOCK_KEY = 0x6574616c617365n;

export class MigrationChangedError extends Error {
  constructor(readonly file: string) {
    super(
      `Berkas migrasi ${file} sudah diterapkan ke basis data ini tetapi isinya telah berubah. Kembalikan isi aslinya dan ` +
        `tambahkan perubahan sebagai migrasi baru.\n` +
        `Migration file ${file} was already applied to this database but its content has changed. Restore the original and ` +
        `put the change in a new migration.`,
    );
  }
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, text, checksum: sha256(text) };
    });
  // A session-level advisory lock needs one connection for the whole run.
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      await sql`ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text`.execute(conn);
      const rows = (await sql<{ name: string; checksum: string | null }>`SELECT name, checksum FROM schema_migrations`.execute(conn)).rows;
      const done = new Map(rows.map((r) => [r.name, r.checksum]));
      const applied: string[] = [];
      for (const file of files) {
        if (done.has(file.name)) {
          const recorded = done.get(file.name);
          if (recorded === null) {
            // Applied before checksums were recorded: the file as it is now is trusted once.
            await sql`UPDATE schema_migrations SET checksum = ${file.checksum} WHERE name = ${file.name}`.execute(conn);
          } else if (recorded !== file.checksum) {
            throw new MigrationChangedError(file.name);
          }
          continue;
        }
        await conn.transaction().execute(async (trx) => {
          // A migration may rewrite a big table: the request statement limit does not apply to it.
          await sql`SET LOCAL statement_timeout = 0`.execute(trx);
          // Several statements in one query: the simple-query protocol (no parameters) accepts them.
          await sql.raw(file.text).execute(trx);
          await sql`INSERT INTO schema_migrations (name, checksum) VALUES (${file.name}, ${file.checksum})`.execute(trx);
        });
        applied.push(file.name);
      }
      return applied;
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}
