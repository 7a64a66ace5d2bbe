// SQL of the audit log: entries filtered and paged, with the actor's name, and the names of the records
// and regions the entries point to (one lookup per page).
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';

export interface AuditFilter {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  start?: Date;
  end?: Date;
  limit: number;
  offset: number;
}

export async function listAudit(db: Database, f: AuditFilter) {
  let q = db.selectFrom('audit_log as a');
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('a.actor_id', '=', f.actorId);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.start) q = q.where('a.at', '>=', f.start);
  if (f.end) q = q.where('a.at', '<', f.end);
  const [rows, n] = await Promise.all([
    q
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .selectAll('a')
      .select(['u.name as actor_name', 'u.email as actor_email'])
      .orderBy('a.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(n.n) };
}

/** id → the name people know the record by: users, organisations (UMKM too), products, outlets,
 *  requirement sets, rounds and programmes by name, agreements by number. */
export async function namesOf(db: Database, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const list = sql`ANY(${ids}::uuid[])`;
  const r = await sql<{ id: string; name: string }>`
    SELECT id::text, name FROM users WHERE id = ${list}
    UNION ALL SELECT id::text, name FROM organizations WHERE id = ${list}
    UNION ALL SELECT id::text, name FROM products WHERE id = ${list}
    UNION ALL SELECT id::text, name FROM outlets WHERE id = ${list}
    UNION ALL SELECT id::text, name FROM requirement_sets WHERE id = ${list}
    UNION ALL SELECT id::text, name FROM curation_rounds WHERE id = ${list}
    UNION ALL SELECT id::text, name FROM mentoring_programs WHERE id = ${list}
    UNION ALL SELECT id::text, number AS name FROM agreements WHERE id = ${list}`.execute(db);
  for (const row of r.rows) out.set(row.id, row.name);
  return out;
}

export async function regionNames(db: Database, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
