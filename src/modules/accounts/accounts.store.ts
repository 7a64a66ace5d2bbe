// SQL of user administration: accounts with their organisation's name, mentor assignments, and the count
// of active administrators (taken under a lock, so two admins cannot disable each other at once).
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Role } from '../../db/types.ts';
import { likePattern } from '../../platform/validation.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  title: string | null;
  organization_id: string | null;
  organization_name: string | null;
  organization_kind: string | null;
  outlet_id: string | null;
  outlet_name: string | null;
  outlet_store_code: string | null;
  outlet_district_name: string | null;
  outlet_branch_id: string | null;
  created_at: Date;
  disabled_at: Date | null;
  mentor_umkm_count: number;
}

function usersQuery(db: Database) {
  return db
    .selectFrom('users as u')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('outlets as ou', 'ou.id', 'u.outlet_id')
    .leftJoin('regions as od', 'od.code', 'ou.district_code');
}

const columns = [
  'u.id',
  'u.email',
  'u.name',
  'u.role',
  'u.title',
  'u.organization_id',
  'o.name as organization_name',
  'o.kind as organization_kind',
  'u.outlet_id',
  'ou.name as outlet_name',
  'ou.store_code as outlet_store_code',
  'od.name as outlet_district_name',
  'ou.branch_id as outlet_branch_id',
  'u.created_at',
  'u.disabled_at',
  sql<number>`(SELECT count(*)::int FROM mentor_assignments ma WHERE ma.mentor_user_id = u.id)`.as('mentor_umkm_count'),
] as const;

export interface UserFilter {
  q?: string;
  role?: Role;
  organizationId?: string;
  status?: 'active' | 'disabled';
  limit: number;
  offset: number;
}

export async function listUsers(db: Database, f: UserFilter): Promise<{ items: UserRow[]; total: number }> {
  let q = usersQuery(db);
  if (f.role) q = q.where('u.role', '=', f.role);
  if (f.organizationId) q = q.where('u.organization_id', '=', f.organizationId);
  if (f.status) q = q.where('u.disabled_at', f.status === 'active' ? 'is' : 'is not', null);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('u.email', 'ilike', p), eb('u.name', 'ilike', p)]));
  }
  const [items, n] = await Promise.all([
    q.select(columns).orderBy('u.name').orderBy('u.email').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((r) => ({ ...r, mentor_umkm_count: Number(r.mentor_umkm_count) })), total: Number(n.n) };
}

export async function findUser(db: Database, id: string): Promise<UserRow | undefined> {
  const r = await usersQuery(db).select(columns).where('u.id', '=', id).executeTakeFirst();
  return r && { ...r, mentor_umkm_count: Number(r.mentor_umkm_count) };
}

export const emailTaken = async (db: Database, email: string) =>
  Boolean(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst());

export const organizationKind = async (db: Database, id: string) =>
  (await db.selectFrom('organizations').select('kind').where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst())?.kind ??
  null;

/** An outlet as the account form needs it: its chain and branch (to check it belongs to the organisation). */
export const outletOwners = (db: Database, id: string) =>
  db.selectFrom('outlets').select(['id', 'chain_id', 'branch_id']).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();

export async function insertUser(
  db: Database,
  u: {
    email: string;
    name: string;
    role: Role;
    title: string | null;
    organization_id: string | null;
    outlet_id: string | null;
    password_hash: string;
  },
): Promise<string> {
  const row = await db.insertInto('users').values(u).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Database,
  id: string,
  set: Partial<{
    name: string;
    title: string | null;
    role: Role;
    organization_id: string | null;
    outlet_id: string | null;
    disabled_at: Date | null;
    password_hash: string;
  }>,
): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Active administrators other than `exceptId`. Takes a transaction-level lock first, so that the count
 *  and the change that relies on it cannot interleave with another admin's change (PostgreSQL). */
export async function otherActiveAdmins(db: Database, exceptId: string): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(2, hashtext('users.active_admins'))`.execute(db);
  const r = await db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Active administrators in all (for the `can` of a list: whether disabling one would leave none). */
export async function activeAdminIds(db: Database): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).execute();
  return rows.map((r) => r.id);
}

export const mentorUmkm = (db: Database, mentorUserId: string) =>
  db
    .selectFrom('mentor_assignments as ma')
    .innerJoin('organizations as o', 'o.id', 'ma.umkm_id')
    .select(['o.id', 'o.name'])
    .where('ma.mentor_user_id', '=', mentorUserId)
    .orderBy('o.name')
    .execute();

export async function existingUmkm(db: Database, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organizations').select('id').where('kind', '=', 'umkm').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

/** Makes the mentor's assignments exactly `umkmIds`; answers what was added and removed. */
export async function setMentorAssignments(db: Database, mentorUserId: string, umkmIds: string[]) {
  const current = (await db.selectFrom('mentor_assignments').select('umkm_id').where('mentor_user_id', '=', mentorUserId).execute()).map(
    (r) => r.umkm_id,
  );
  const want = new Set(umkmIds);
  const removed = current.filter((id) => !want.has(id));
  const added = [...want].filter((id) => !current.includes(id));
  if (removed.length) {
    await db.deleteFrom('mentor_assignments').where('mentor_user_id', '=', mentorUserId).where('umkm_id', 'in', removed).execute();
  }
  if (added.length) {
    await db
      .insertInto('mentor_assignments')
      .values(added.map((umkm_id) => ({ mentor_user_id: mentorUserId, umkm_id })))
      .execute();
  }
  return { added, removed };
}
