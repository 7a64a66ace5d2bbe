// THE policy module. Every authorisation decision is made here: which role may call which action
// (routes declare their action in `config.policy`), and which rows each actor may see (scopes the
// stores turn into SQL). A foreign id therefore answers 404 — the row is simply not in the actor's data.
import { sql } from 'kysely';
import type { Role } from '../../db/types.ts';
import type { Actor } from './actor.ts';

export type Audience = Role | 'public';
const ALL: Audience[] = ['public', 'admin', 'pemda', 'retailer', 'umkm', 'mentor'];
const SIGNED_IN: Audience[] = ['admin', 'pemda', 'retailer', 'umkm', 'mentor'];

/** Action → who may attempt it. Row-level scope is applied on top, by the functions below. */
export const POLICY = {
  'health.read': ALL,
  'config.read': ALL,
  'docs.read': ALL,
  'auth.login': ALL,
  'auth.logout': ALL,
  'me.read': SIGNED_IN,
  'regions.read': ALL,
  'organizations.read': SIGNED_IN,
  'organizations.write': ['admin'],
  'outlets.read': ['admin', 'pemda', 'retailer', 'umkm'],
  'outlets.write': ['admin', 'retailer'],
  'umkm.read': ['admin', 'pemda', 'retailer', 'umkm', 'mentor'],
  'umkm.create': ['admin', 'pemda'],
  'umkm.update': ['admin', 'pemda', 'umkm'],
  'umkm.archive': ['admin', 'pemda'],
  'products.read': ['admin', 'pemda', 'retailer', 'umkm', 'mentor'],
  'products.write': ['admin', 'pemda', 'umkm'],
  'files.upload': SIGNED_IN,
  'files.read': SIGNED_IN,
  'users.read': ['admin'],
  'users.write': ['admin'],
  'audit.read': ['admin'],
  // curation and mentoring (C2, C3)
  // agreements (C4)
} as const satisfies Record<string, Audience[]>;

export type Action = keyof typeof POLICY;

export const isAction = (a: unknown): a is Action => typeof a === 'string' && a in POLICY;

export function allows(actor: Actor, action: Action): boolean {
  return (POLICY[action] as readonly Audience[]).includes(actor.role);
}

// ---- Row scopes ------------------------------------------------------------------------------------
// Each returns a SQL condition over the given column references; stores AND it into their WHERE.

type Cond = ReturnType<typeof sql<boolean>>;
const TRUE = sql<boolean>`true`;
const FALSE = sql<boolean>`false`;

/** Region prefix match: '36.04' covers '36.04', '36.04.01', '36.04.01.2001'. */
export const inRegion = (column: string, code: string) =>
  sql<boolean>`(${sql.ref(column)} = ${code} OR ${sql.ref(column)} LIKE ${`${code}.%`})`;

/** Outlets: a chain sees its own (a branch, its branch); a Dinas sees its region; a UMKM its province. */
export function outletScope(actor: Actor, t = 'outlets'): Cond {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'retailer':
      if (actor.branchId) return sql<boolean>`${sql.ref(`${t}.branch_id`)} = ${actor.branchId}`;
      return actor.chainId ? sql<boolean>`${sql.ref(`${t}.chain_id`)} = ${actor.chainId}` : FALSE;
    case 'pemda':
      return actor.regionCode ? inRegion(`${t}.district_code`, actor.regionCode) : FALSE;
    case 'umkm':
      return actor.regionCode ? sql<boolean>`${sql.ref(`${t}.province_code`)} = ${actor.regionCode}` : FALSE;
    default:
      return FALSE;
  }
}

/** UMKM (and everything they own, through `umkmIdColumn`): a UMKM sees itself only; a mentor their
 *  assignments; a Dinas its region; a chain reads all (it curates and contracts them). */
export function umkmScope(actor: Actor, umkmIdColumn: string, villageColumn: string | null): Cond {
  switch (actor.role) {
    case 'admin':
    case 'retailer':
      return TRUE;
    case 'umkm':
      return actor.organizationId ? sql<boolean>`${sql.ref(umkmIdColumn)} = ${actor.organizationId}` : FALSE;
    case 'mentor':
      return actor.userId
        ? sql<boolean>`${sql.ref(umkmIdColumn)} IN (SELECT umkm_id FROM mentor_assignments WHERE mentor_user_id = ${actor.userId})`
        : FALSE;
    case 'pemda':
      if (!actor.regionCode) return FALSE;
      if (villageColumn) return inRegion(villageColumn, actor.regionCode);
      return sql<boolean>`${sql.ref(umkmIdColumn)} IN (SELECT organization_id FROM umkm_profiles p WHERE ${inRegion('p.village_code', actor.regionCode)})`;
    default:
      return FALSE;
  }
}

/** Whether the actor may change a UMKM record it can see (a chain reads, it does not edit). */
export const canEditUmkm = (actor: Actor) => actor.role === 'admin' || actor.role === 'pemda' || actor.role === 'umkm';

/** Organisations other than UMKM (governments, chains, branches, banks) are known to every signed-in
 *  user by name; UMKM organisations follow the UMKM scope. */
export function organizationScope(actor: Actor, t = 'organizations'): Cond {
  if (actor.role === 'admin') return TRUE;
  return sql<boolean>`(${sql.ref(`${t}.kind`)} <> 'umkm' OR ${umkmScope(actor, `${t}.id`, null)})`;
}
