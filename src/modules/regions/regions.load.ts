// Loads every Kemendagri region (38 provinces, 514 regencies/cities, districts, villages) from the npm
// package idn-area-data into `regions`, once: reference data is never hand-typed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { displayName } from './regions.rules.ts';

const require = createRequire(import.meta.url);
const DATA_DIR = path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');

type Level = 'province' | 'regency' | 'district' | 'village';
const SOURCES: { level: Level; file: string; parent: string | null }[] = [
  { level: 'province', file: 'provinces.csv', parent: null },
  { level: 'regency', file: 'regencies.csv', parent: 'province_code' },
  { level: 'district', file: 'districts.csv', parent: 'regency_code' },
  { level: 'village', file: 'villages.csv', parent: 'district_code' },
];

export function readRegionSource(level: Level): { code: string; name: string; parent: string | null }[] {
  const src = SOURCES.find((s) => s.level === level);
  if (!src) throw new Error(level);
  const rows = parse(fs.readFileSync(path.join(DATA_DIR, src.file)), {
    columns: true,
    skip_empty_lines: true,
    relax_quotes: true,
  }) as Record<string, string>[];
  return rows.map((r) => ({
    code: r.code as string,
    name: displayName(r.name as string),
    parent: src.parent ? (r[src.parent] as string) : null,
  }));
}

/** Loads the regions if the table is empty; returns how many rows were inserted. */
export async function ensureRegions(db: Database): Promise<number> {
  const existing = await db.selectFrom('regions').select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (existing.n > 0n) return 0;
  let total = 0;
  for (const { level } of SOURCES) {
    const rows = readRegionSource(level);
    // One statement per level: unnest over arrays is ~10× faster than row-by-row inserts on PGlite.
    for (let i = 0; i < rows.length; i += 20_000) {
      const chunk = rows.slice(i, i + 20_000);
      await sql`INSERT INTO regions (code, name, level, parent_code, province_code)
        SELECT c, n, ${level}, p, substr(c, 1, 2)
        FROM unnest(${chunk.map((r) => r.code)}::text[], ${chunk.map((r) => r.name)}::text[], ${chunk.map((r) => r.parent)}::text[]) AS t(c, n, p)`.execute(
        db,
      );
    }
    total += rows.length;
  }
  return total;
}
