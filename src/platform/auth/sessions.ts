// Server-side sessions: the cookie holds a random token, the database only its SHA-256, so a leaked
// database cannot be replayed as cookies. Logout and disabling a user revoke rows; login makes a new id.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Actor } from './actor.ts';

export const SESSION_COOKIE = 'etalase_session';
export const SESSION_DAYS = 14;

/** The only form in which a session token is stored or used as a key (rate limits). */
export const sessionTokenHash = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const sha256 = sessionTokenHash;

export async function createSession(db: Database, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function revokeSession(db: Database, token: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: sql`now()` })
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Database, userId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: sql`now()` }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** The actor behind a session token, with the scope derived from their organisation; null if none. */
export async function actorForToken(db: Database, token: string): Promise<Actor | null> {
  if (token.length > 100) return null;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('umkm_profiles as up', 'up.organization_id', 'o.id')
    .leftJoin('outlets as ou', 'ou.id', 'u.outlet_id')
    .select([
      'u.id as userId',
      'u.role',
      'u.email',
      'u.name',
      'u.organization_id as organizationId',
      'o.kind as orgKind',
      'o.region_code as orgRegion',
      'o.parent_id as orgParent',
      'o.chain_code as chainCode',
      'up.province_code as umkmProvince',
      'ou.id as outletId',
      'ou.chain_id as outletChain',
      'ou.branch_id as outletBranch',
    ])
    .where('s.token_hash', '=', sha256(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  // Outlet staff: the chain and branch are the outlet's, whichever of the two the account belongs to.
  if (row.role === 'retailer' && row.outletId && row.outletChain) {
    return {
      userId: row.userId,
      role: row.role,
      email: row.email,
      name: row.name,
      organizationId: row.organizationId,
      regionCode: null,
      chainId: row.outletChain,
      branchId: row.outletBranch,
      outletId: row.outletId,
      chainCode: row.chainCode,
    };
  }
  return {
    userId: row.userId,
    role: row.role,
    email: row.email,
    name: row.name,
    organizationId: row.organizationId,
    regionCode: row.role === 'pemda' ? row.orgRegion : row.role === 'umkm' ? row.umkmProvince : null,
    chainId: row.orgKind === 'chain' ? row.organizationId : row.orgKind === 'branch' ? row.orgParent : null,
    branchId: row.orgKind === 'branch' ? row.organizationId : null,
    outletId: null,
    chainCode: row.chainCode,
  };
}
