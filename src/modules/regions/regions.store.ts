// SQL for regions. Regions are public reference data: no scope.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { inRegion } from '../../platform/auth/policy.ts';
import { likePattern } from '../../platform/validation.ts';

export interface RegionFilter {
  level?: string;
  parent?: string;
  regionCode?: string;
  q?: string;
  limit: number;
  offset: number;
}

export async function listRegions(db: Database, f: RegionFilter) {
  let query = db.selectFrom('regions');
  if (f.level) query = query.where('level', '=', f.level as 'province');
  if (f.parent) query = query.where('parent_code', '=', f.parent);
  if (f.regionCode) query = query.where(inRegion('code', f.regionCode));
  if (f.q) {
    const q = f.q;
    query = query.where((eb) =>
      eb.or([eb(sql`lower(name)`, 'like', likePattern(q.toLowerCase())), eb('code', 'like', `${q.replace(/[\\%_]/g, '')}%`)]),
    );
  }
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('code').limit(f.limit).offset(f.offset).execute(),
    query.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export const findRegion = (db: Database, code: string) => db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
