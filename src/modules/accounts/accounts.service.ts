// Accounts: sign-in with throttling and no user enumeration, sessions, and user administration.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Role } from '../../db/types.ts';
import { audit } from '../../platform/audit.ts';
import { type Actor, type Ctx, PUBLIC_ACTOR } from '../../platform/auth/actor.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { mayManageUser } from '../../platform/auth/policy.ts';
import { createSession, revokeSession, revokeUserSessions } from '../../platform/auth/sessions.ts';
import { AppError, type Bilingual, badRequest, conflict, invalidFields, notFound, notPermitted } from '../../platform/errors.ts';
import { leavesNoActiveAdmin, type OrganizationKind, scopeProblem } from './accounts.rules.ts';
import * as store from './accounts.store.ts';

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
  const outlet = actor.outletId
    ? await db.selectFrom('outlets').select(['id', 'name', 'store_code']).where('id', '=', actor.outletId).executeTakeFirst()
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
    outlet: outlet ? { id: outlet.id, name: outlet.name, storeCode: outlet.store_code } : null,
    demo,
  };
}

// ---- user administration ----------------------------------------------------------------------------
// Every change is audited (entity 'user') with the account's view before and after; a password never
// reaches the log or an answer, except a generated one, in the answer to the administrator who asked.

const USER: Bilingual = { id: 'Pengguna', en: 'User' };

// No 0/O, 1/l/I: the password is read off a screen and typed on a phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password for a new account or a reset: three groups of five from 55 characters (~86 bits), e.g.
 *  "k7Hq2-mWp4x-Zt9rB"; shown once to the administrator, stored only as its argon2id hash. */
export function generatePassword(): string {
  const group = () => Array.from({ length: 5 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

const lastAdmin = () =>
  conflict('last_admin', {
    id: 'Ini administrator aktif terakhir: tambahkan atau aktifkan administrator lain lebih dulu.',
    en: 'This is the last active administrator: add or enable another administrator first.',
  });

const SCOPE_MESSAGES: Record<'organization_required' | 'organization_kind', Bilingual> = {
  organization_required: { id: 'Peran ini harus terhubung ke sebuah organisasi.', en: 'This role needs an organisation.' },
  organization_kind: { id: 'Jenis organisasi tidak cocok dengan peran.', en: 'Organisation kind does not match the role.' },
};

/** The account as the administrator sees it; `can` from the policy and the last-admin rule. */
function userView(ctx: Ctx, u: store.UserRow, activeAdmins: readonly string[]) {
  const manage = mayManageUser(ctx.actor, u);
  const disabled = u.disabled_at !== null;
  const others = activeAdmins.filter((id) => id !== u.id).length;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    title: u.title,
    organizationId: u.organization_id,
    organizationName: u.organization_name,
    organizationKind: u.organization_kind as OrganizationKind | null,
    outlet:
      u.outlet_id && u.outlet_name
        ? {
            id: u.outlet_id,
            name: u.outlet_name,
            storeCode: u.outlet_store_code ?? '',
            districtName: u.outlet_district_name ?? '',
            branchId: u.outlet_branch_id,
          }
        : null,
    mentorUmkmCount: u.mentor_umkm_count,
    createdAt: u.created_at.toISOString(),
    disabled,
    disabledAt: u.disabled_at?.toISOString() ?? null,
    can: {
      edit: manage,
      disable: manage && !disabled && !leavesNoActiveAdmin({ role: u.role, disabled }, { role: u.role, disabled: true }, others),
      enable: manage && disabled,
      resetPassword: manage,
    },
  };
}

/** What the audit log keeps of an account: no `can`, no hash. */
const auditView = (u: store.UserRow, mentorUmkmIds?: string[]) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  title: u.title,
  organizationId: u.organization_id,
  organizationName: u.organization_name,
  outletId: u.outlet_id,
  disabled: u.disabled_at !== null,
  ...(mentorUmkmIds ? { mentorUmkmIds } : {}),
});

async function detail(db: Database, ctx: Ctx, id: string) {
  const u = await store.findUser(db, id);
  if (!u) throw notFound(USER, 'id');
  const mentorUmkm = u.role === 'mentor' ? await store.mentorUmkm(db, id) : [];
  return { row: u, view: { ...userView(ctx, u, await store.activeAdminIds(db)), mentorUmkm } };
}

/** Loads an account the actor may manage (403 otherwise: every administrator sees every account). */
async function manageable(db: Database, ctx: Ctx, id: string) {
  const d = await detail(db, ctx, id);
  if (!mayManageUser(ctx.actor, d.row)) throw notPermitted(USER);
  return d;
}

async function checkScope(db: Database, role: Role, organizationId: string | null) {
  let kind: OrganizationKind | null = null;
  if (organizationId) {
    kind = (await store.organizationKind(db, organizationId)) as OrganizationKind | null;
    if (!kind) throw notFound({ id: 'Organisasi', en: 'Organisation' }, 'organizationId');
  }
  const problem = scopeProblem(role, kind);
  if (problem) throw badRequest(problem, SCOPE_MESSAGES[problem], 'organizationId');
}

const OUTLET_MESSAGES = {
  outlet_retailer_only: {
    id: 'Hanya akun ritel yang dapat ditautkan ke sebuah toko.',
    en: 'Only a retail account can be bound to a store.',
  },
  outlet_not_in_organization: {
    id: 'Toko ini bukan milik jaringan atau cabang yang dipilih.',
    en: 'This store does not belong to the chosen chain or branch.',
  },
} satisfies Record<string, Bilingual>;

/** An outlet-staff account: a retailer whose store belongs to its organisation — the chain itself, or the
 *  branch the store is under. An unknown store and another chain's answer alike (no oracle of ids). */
async function checkOutlet(db: Database, role: Role, organizationId: string | null, outletId: string | null) {
  if (!outletId) return;
  if (role !== 'retailer')
    throw invalidFields([{ field: 'outletId', message: OUTLET_MESSAGES.outlet_retailer_only }], 'outlet_retailer_only');
  const o = await store.outletOwners(db, outletId);
  if (!o || !organizationId || (o.chain_id !== organizationId && o.branch_id !== organizationId)) {
    throw invalidFields([{ field: 'outletId', message: OUTLET_MESSAGES.outlet_not_in_organization }], 'outlet_not_in_organization');
  }
}

async function checkMentorUmkm(db: Database, role: Role, ids: string[] | undefined) {
  if (!ids) return;
  if (role !== 'mentor' && ids.length) {
    throw badRequest(
      'mentor_only',
      { id: 'Hanya pendamping yang ditugaskan ke UMKM.', en: 'Only a mentor is assigned to UMKM.' },
      'mentorUmkmIds',
    );
  }
  const found = await store.existingUmkm(db, ids);
  if (found.length !== new Set(ids).size) throw notFound({ id: 'UMKM', en: 'UMKM' }, 'mentorUmkmIds');
}

export async function listUsers(db: Database, ctx: Ctx, f: store.UserFilter) {
  const [page, admins] = await Promise.all([store.listUsers(db, f), store.activeAdminIds(db)]);
  return { items: page.items.map((u) => userView(ctx, u, admins)), total: page.total };
}

export const getUser = async (db: Database, ctx: Ctx, id: string) => (await detail(db, ctx, id)).view;

export async function createUser(
  db: Database,
  ctx: Ctx,
  input: {
    email: string;
    name: string;
    password?: string;
    role: Role;
    organizationId?: string | null;
    outletId?: string | null;
    title?: string | null;
    mentorUmkmIds?: string[];
  },
) {
  if (!mayManageUser(ctx.actor, { id: '' })) throw notPermitted(USER);
  const organizationId = input.organizationId ?? null;
  const outletId = input.outletId ?? null;
  await checkScope(db, input.role, organizationId);
  await checkOutlet(db, input.role, organizationId, outletId);
  await checkMentorUmkm(db, input.role, input.mentorUmkmIds);
  if (await store.emailTaken(db, input.email)) {
    throw conflict('email_taken', { id: 'Email sudah terdaftar.', en: 'Email is already registered.' }, 'email');
  }
  const generatedPassword = input.password ? null : generatePassword();
  const id = await store.insertUser(db, {
    email: input.email,
    name: input.name,
    role: input.role,
    title: input.title ?? null,
    organization_id: organizationId,
    outlet_id: outletId,
    password_hash: await hashPassword(input.password ?? (generatedPassword as string)),
  });
  if (input.role === 'mentor' && input.mentorUmkmIds?.length) await store.setMentorAssignments(db, id, input.mentorUmkmIds);
  const d = await detail(db, ctx, id);
  await audit(db, ctx, {
    action: 'create',
    entity: 'user',
    entityId: id,
    after: auditView(d.row, input.role === 'mentor' ? d.view.mentorUmkm.map((m) => m.id) : undefined),
  });
  return { ...d.view, generatedPassword };
}

/** Profile, role and scope. A role and an organisation are checked together (the result must fit); leaving
 *  the mentor role ends the mentor's assignments; the last active administrator keeps the role. The
 *  account's sessions stay: its scope is read afresh on every request. */
export async function updateUser(
  db: Database,
  ctx: Ctx,
  id: string,
  patch: {
    name?: string;
    title?: string | null;
    role?: Role;
    organizationId?: string | null;
    outletId?: string | null;
    mentorUmkmIds?: string[];
  },
) {
  const { row: before, view } = await manageable(db, ctx, id);
  const role = patch.role ?? before.role;
  const organizationId = patch.organizationId !== undefined ? patch.organizationId : before.organization_id;
  // A store stays bound only while the account stays a retailer of the same organisation, unless re-given.
  const outletId =
    patch.outletId !== undefined
      ? patch.outletId
      : role === before.role && organizationId === before.organization_id
        ? before.outlet_id
        : null;
  const disabled = before.disabled_at !== null;
  if (role !== before.role || organizationId !== before.organization_id) await checkScope(db, role, organizationId);
  if (outletId !== before.outlet_id || organizationId !== before.organization_id) await checkOutlet(db, role, organizationId, outletId);
  await checkMentorUmkm(db, role, patch.mentorUmkmIds);
  if (
    role !== before.role &&
    leavesNoActiveAdmin({ role: before.role, disabled }, { role, disabled }, await store.otherActiveAdmins(db, id))
  ) {
    throw lastAdmin();
  }
  await store.updateUser(db, id, {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(role !== before.role ? { role } : {}),
    ...(organizationId !== before.organization_id ? { organization_id: organizationId } : {}),
    ...(outletId !== before.outlet_id ? { outlet_id: outletId } : {}),
  });
  const beforeUmkm = view.mentorUmkm.map((m) => m.id);
  let afterUmkm = beforeUmkm;
  if (role !== 'mentor' && beforeUmkm.length) {
    await store.setMentorAssignments(db, id, []);
    afterUmkm = [];
  } else if (role === 'mentor' && patch.mentorUmkmIds) {
    await store.setMentorAssignments(db, id, patch.mentorUmkmIds);
    afterUmkm = [...new Set(patch.mentorUmkmIds)];
  }
  const after = await detail(db, ctx, id);
  const mentorAudit = before.role === 'mentor' || role === 'mentor';
  await audit(db, ctx, {
    action: 'update',
    entity: 'user',
    entityId: id,
    before: auditView(before, mentorAudit ? beforeUmkm : undefined),
    after: auditView(after.row, mentorAudit ? afterUmkm : undefined),
  });
  return after.view;
}

/** Disabling ends every session of the account at once and refuses new sign-ins; never the last active
 *  administrator. */
export async function disableUser(db: Database, ctx: Ctx, id: string) {
  const { row: before, view } = await manageable(db, ctx, id);
  if (before.disabled_at) return view;
  if (
    leavesNoActiveAdmin(
      { role: before.role, disabled: false },
      { role: before.role, disabled: true },
      await store.otherActiveAdmins(db, id),
    )
  ) {
    throw lastAdmin();
  }
  await store.updateUser(db, id, { disabled_at: ctx.now });
  await revokeUserSessions(db, id);
  const after = await detail(db, ctx, id);
  await audit(db, ctx, { action: 'disable', entity: 'user', entityId: id, before: auditView(before), after: auditView(after.row) });
  return after.view;
}

export async function enableUser(db: Database, ctx: Ctx, id: string) {
  const { row: before, view } = await manageable(db, ctx, id);
  if (!before.disabled_at) return view;
  await store.updateUser(db, id, { disabled_at: null });
  const after = await detail(db, ctx, id);
  await audit(db, ctx, { action: 'enable', entity: 'user', entityId: id, before: auditView(before), after: auditView(after.row) });
  return after.view;
}

/** A new password (typed, or generated and shown this once); every session of the account ends, so
 *  whoever held the old password is signed out too. */
export async function resetPassword(db: Database, ctx: Ctx, id: string, input: { password?: string }) {
  const { row } = await manageable(db, ctx, id);
  const generatedPassword = input.password ? null : generatePassword();
  await store.updateUser(db, id, { password_hash: await hashPassword(input.password ?? (generatedPassword as string)) });
  await revokeUserSessions(db, id);
  await audit(db, ctx, {
    action: 'reset_password',
    entity: 'user',
    entityId: id,
    after: { email: row.email, generated: generatedPassword !== null, sessionsEnded: true },
  });
  return { ...(await detail(db, ctx, id)).view, generatedPassword };
}
