// Accounts: sign-in with throttling and no user enumeration, sessions, and user administration.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Role } from '../../db/types.ts';
import { audit } from '../../platform/audit.ts';
import { type Actor, type Ctx, PUBLIC_ACTOR } from '../../platform/auth/actor.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { createSession, revokeSession, revokeUserSessions } from '../../platform/auth/sessions.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { likePattern } from '../../platform/validation.ts';

/** Failed sign-ins allowed per (email, address) pair, and per address whatever the email, in the window.
 *  Keyed so that nobody can lock a real user out: failures from an attacker's address never count against
 *  the same email signing in from elsewhere. */
export const MAX_FAILURES_PER_PAIR = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const FAILURE_WINDOW_MINUTES = 15;

const badCredentials = () =>
  new AppError(401, 'invalid_credentials', {
    id: 'Email atau kata sandi salah.',
    en: 'Wrong email or password.',
  });

/** Returns a new session for valid credentials. Every checked attempt is recorded; after too many failures
 *  from this address (for this email, or in all) the attempt is refused without checking the password,
 *  whether the account exists or not. Attempts for one email are counted one at a time (a transaction-level
 *  advisory lock, held until the attempt is recorded and committed), so concurrent guesses on PostgreSQL
 *  cannot all pass the count before any is recorded. The per-address count is not serialised (that would
 *  queue every sign-in behind one office's NAT); the rate limiter bounds it on top. */
export async function login(db: Database, input: { email: string; password: string; ip: string; requestId: string | null; now: Date }) {
  await sql`SELECT pg_advisory_xact_lock(1, hashtext(${input.email}))`.execute(db);
  const since = sql<Date>`now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES})`;
  const failures = await db
    .selectFrom('login_attempts')
    .select([sql<bigint>`count(*) FILTER (WHERE email = ${input.email})`.as('byPair'), sql<bigint>`count(*)`.as('byAddress')])
    .where('succeeded', '=', false)
    .where('ip', '=', input.ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (BigInt(failures.byPair) >= BigInt(MAX_FAILURES_PER_PAIR) || BigInt(failures.byAddress) >= BigInt(MAX_FAILURES_PER_ADDRESS)) {
    throw new AppError(429, 'too_many_attempts', {
      id: `Terlalu banyak percobaan masuk dari alamat ini. Coba lagi dalam ${FAILURE_WINDOW_MINUTES} menit.`,
      en: `Too many sign-in attempts from this address. Try again in ${FAILURE_WINDOW_MINUTES} minutes.`,
    });
  }
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('email', '=', input.email)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  const succeeded = Boolean(user && ok && !user.disabled_at);
  await db.insertInto('login_attempts').values({ email: input.email, ip: input.ip, succeeded }).execute();
  if (!succeeded || !user) throw badCredentials();
  const session = await createSession(db, user.id);
  await audit(
    db,
    { actor: { ...PUBLIC_ACTOR, userId: user.id }, requestId: input.requestId, now: input.now },
    { action: 'login', entity: 'session', entityId: user.id, after: { ip: input.ip, expiresAt: session.expiresAt } },
  );
  return session;
}

export async function logout(db: Database, ctx: Ctx, token: string) {
  await revokeSession(db, token);
  if (ctx.actor.userId) await audit(db, ctx, { action: 'logout', entity: 'session', entityId: ctx.actor.userId });
}

export async function me(db: Database, actor: Actor, demo: boolean) {
  const org = actor.organizationId
    ? await db.selectFrom('organizations').select('name').where('id', '=', actor.organizationId).executeTakeFirst()
    : undefined;
  return {
    id: actor.userId as string,
    email: actor.email as string,
    name: actor.name as string,
    role: actor.role as Role,
    organizationId: actor.organizationId,
    organizationName: org?.name ?? null,
    regionCode: actor.regionCode,
    chainCode: actor.chainCode,
    demo,
  };
}

const userView = (u: {
  id: string;
  email: string;
  name: string;
  role: Role;
  organization_id: string | null;
  disabled_at: Date | null;
}) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  organizationId: u.organization_id,
  disabled: u.disabled_at !== null,
});

const ORG_KIND_FOR_ROLE: Partial<Record<Role, string[]>> = {
  pemda: ['government'],
  retailer: ['chain', 'branch'],
  umkm: ['umkm'],
  mentor: ['government', 'bank', 'chain', 'branch'],
};

export async function createUser(
  db: Database,
  ctx: Ctx,
  input: { email: string; name: string; password: string; role: Role; organizationId?: string | null; mentorUmkmIds?: string[] },
) {
  const kinds = ORG_KIND_FOR_ROLE[input.role];
  if (kinds && input.role !== 'mentor' && !input.organizationId) {
    throw badRequest(
      'organization_required',
      { id: 'Peran ini harus terhubung ke sebuah organisasi.', en: 'This role needs an organisation.' },
      'organizationId',
    );
  }
  if (input.organizationId) {
    const org = await db.selectFrom('organizations').select(['kind']).where('id', '=', input.organizationId).executeTakeFirst();
    if (!org) throw notFound({ id: 'Organisasi', en: 'Organisation' }, 'organizationId');
    if (!kinds?.includes(org.kind)) {
      throw badRequest(
        'organization_kind',
        { id: 'Jenis organisasi tidak cocok dengan peran.', en: 'Organisation kind does not match the role.' },
        'organizationId',
      );
    }
  }
  const exists = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
  if (exists) throw conflict('email_taken', { id: 'Email sudah terdaftar.', en: 'Email is already registered.' }, 'email');
  const row = await db
    .insertInto('users')
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      organization_id: input.organizationId ?? null,
      password_hash: await hashPassword(input.password),
    })
    .returning(['id', 'email', 'name', 'role', 'organization_id', 'disabled_at'])
    .executeTakeFirstOrThrow();
  if (input.role === 'mentor' && input.mentorUmkmIds?.length) await assignMentor(db, ctx, row.id, input.mentorUmkmIds);
  const view = userView(row);
  await audit(db, ctx, { action: 'create', entity: 'user', entityId: row.id, after: view });
  return view;
}

export async function assignMentor(db: Database, ctx: Ctx, mentorUserId: string, umkmIds: string[]) {
  const found = await db.selectFrom('organizations').select('id').where('kind', '=', 'umkm').where('id', 'in', umkmIds).execute();
  if (found.length !== new Set(umkmIds).size) throw notFound({ id: 'UMKM', en: 'UMKM' }, 'mentorUmkmIds');
  await db
    .insertInto('mentor_assignments')
    .values(umkmIds.map((umkm_id) => ({ mentor_user_id: mentorUserId, umkm_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await audit(db, ctx, { action: 'assign', entity: 'mentor_assignment', entityId: mentorUserId, after: { umkmIds } });
}

export async function listUsers(db: Database, f: { q?: string; role?: Role; limit: number; offset: number }) {
  let q = db.selectFrom('users');
  if (f.role) q = q.where('role', '=', f.role);
  if (f.q) q = q.where((eb) => eb.or([eb('email', 'like', likePattern(f.q as string)), eb('name', 'ilike', likePattern(f.q as string))]));
  const [items, n] = await Promise.all([
    q.select(['id', 'email', 'name', 'role', 'organization_id', 'disabled_at']).orderBy('email').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(userView), total: Number(n.n) };
}

/** Disabling a user ends every session they have, at once. */
export async function updateUser(db: Database, ctx: Ctx, id: string, patch: { disabled?: boolean; name?: string }) {
  const before = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'organization_id', 'disabled_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound({ id: 'Pengguna', en: 'User' }, 'id');
  const after = await db
    .updateTable('users')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.disabled !== undefined ? { disabled_at: patch.disabled ? (before.disabled_at ?? ctx.now) : null } : {}),
    })
    .where('id', '=', id)
    .returning(['id', 'email', 'name', 'role', 'organization_id', 'disabled_at'])
    .executeTakeFirstOrThrow();
  if (patch.disabled) await revokeUserSessions(db, id);
  await audit(db, ctx, { action: 'update', entity: 'user', entityId: id, before: userView(before), after: userView(after) });
  return userView(after);
}
