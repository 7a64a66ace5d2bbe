// User administration as the administrator meets it: create an account that can then sign in, disable it
// (its sessions end), reset its password (the old one stops working), change role, scope and title, the
// installation never left without an active administrator, and nobody else reaching any of it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassword } from '../src/modules/accounts/accounts.service.ts';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const admin = demo('admin');
const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
const cookieOf = (res: Awaited<ReturnType<typeof login>>) => {
  const c = res.cookies.find((x) => x.name === 'etalase_session');
  return c ? `${c.name}=${c.value}` : '';
};
const meWith = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.as(admin, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

async function orgId(kind: string, name?: string) {
  let q = t.handle.db
    .selectFrom('organizations')
    .select('id')
    .where('kind', '=', kind as 'chain');
  if (name) q = q.where('name', 'ilike', `%${name}%`);
  return (await q.orderBy('name').executeTakeFirstOrThrow()).id;
}

let seq = 0;
const email = (what: string) => `${what}.${++seq}@uji.etalase.id`;

describe('creating an account', () => {
  it('with a generated password shown once: the new user signs in with it, and no hash is ever answered', async () => {
    const gov = await orgId('government', 'Bengkulu');
    const e = email('staf');
    const res = await asAdmin('POST', '/api/users', {
      email: e,
      name: 'Staf Dinas Uji',
      role: 'pemda',
      organizationId: gov,
      title: 'Kepala Bidang UKM',
    });
    expect(res.statusCode, res.body).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({ email: e, role: 'pemda', organizationId: gov, title: 'Kepala Bidang UKM', disabled: false });
    expect(u.organizationName).toMatch(/Bengkulu/);
    expect(u.generatedPassword).toMatch(/^[A-Za-z2-9]{5}-[A-Za-z2-9]{5}-[A-Za-z2-9]{5}$/);
    expect(res.body).not.toMatch(/argon2/);
    const signedIn = await login(e, u.generatedPassword);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ role: 'pemda', regionCode: '17.71' });
    // Shown once: the account read again carries no password, and the audit row none either.
    const again = await asAdmin('GET', `/api/users/${u.id}`);
    expect(again.json().generatedPassword).toBeUndefined();
    expect(again.body).not.toMatch(/argon2/);
    const log = (await asAdmin('GET', `/api/audit?entity=user&entityId=${u.id}`)).json();
    expect(log.items.map((a: { action: string }) => a.action)).toEqual(['create']);
    expect(JSON.stringify(log)).not.toContain(u.generatedPassword);
    expect(JSON.stringify(log)).not.toMatch(/argon2/);
  });

  it('with a typed password', async () => {
    const e = email('mentor');
    const umkm = (
      await t.handle.db.selectFrom('organizations').select('id').where('kind', '=', 'umkm').orderBy('name').limit(3).execute()
    ).map((r) => r.id);
    const res = await asAdmin('POST', '/api/users', {
      email: e,
      name: 'Pendamping Uji',
      role: 'mentor',
      password: 'kata-sandi-uji-1',
      mentorUmkmIds: umkm,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ generatedPassword: null, mentorUmkmCount: 3 });
    expect(
      res
        .json()
        .mentorUmkm.map((m: { id: string }) => m.id)
        .sort(),
    ).toEqual([...umkm].sort());
    const c = cookieOf(await login(e, 'kata-sandi-uji-1'));
    // The mentor's scope is the assigned businesses.
    const seen = await t.app.inject({ method: 'GET', url: '/api/umkm?limit=50', headers: { cookie: c } });
    expect(seen.json().total).toBe(3);
  });

  it('refuses a role without its organisation, an organisation of the wrong kind, and a taken email, at the field', async () => {
    const chain = await orgId('chain');
    const noOrg = await asAdmin('POST', '/api/users', { email: email('x'), name: 'X', role: 'retailer' });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().error).toMatchObject({ code: 'organization_required', field: 'organizationId' });
    const wrong = await asAdmin('POST', '/api/users', { email: email('x'), name: 'X', role: 'pemda', organizationId: chain });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'organization_kind', field: 'organizationId' });
    const taken = await asAdmin('POST', '/api/users', { email: demo('umkm'), name: 'X', role: 'admin' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.field).toBe('email');
    const short = await asAdmin('POST', '/api/users', { email: email('x'), name: 'X', role: 'admin', password: 'pendek' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('password');
  });
});

describe('disabling, enabling, resetting', () => {
  it('disabling refuses the session the user holds and every new sign-in; enabling lets them back in', async () => {
    const e = email('kasir');
    const u = (
      await asAdmin('POST', '/api/users', { email: e, name: 'Kasir Uji', role: 'retailer', organizationId: await orgId('chain') })
    ).json();
    const c = cookieOf(await login(e, u.generatedPassword));
    expect((await meWith(c)).statusCode).toBe(200);
    const off = await asAdmin('POST', `/api/users/${u.id}/disable`, {});
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ disabled: true, can: { disable: false, enable: true } });
    expect(off.json().disabledAt).toBeTruthy();
    expect((await meWith(c)).statusCode).toBe(401);
    expect((await login(e, u.generatedPassword)).statusCode).toBe(401);
    const on = await asAdmin('POST', `/api/users/${u.id}/enable`, {});
    expect(on.json()).toMatchObject({ disabled: false, disabledAt: null });
    expect((await login(e, u.generatedPassword)).statusCode).toBe(200);
    const actions = (await asAdmin('GET', `/api/audit?entity=user&entityId=${u.id}`)).json().items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(['enable', 'disable', 'create']);
  });

  it('a reset ends the sessions: the old password is refused, the new one works (typed or generated)', async () => {
    const e = email('umkm');
    const u = (
      await asAdmin('POST', '/api/users', {
        email: e,
        name: 'Pemilik Uji',
        role: 'umkm',
        organizationId: await orgId('umkm'),
        password: 'lama-sekali-1',
      })
    ).json();
    const c = cookieOf(await login(e, 'lama-sekali-1'));
    const reset = await asAdmin('POST', `/api/users/${u.id}/reset-password`, {});
    expect(reset.statusCode, reset.body).toBe(200);
    const fresh = reset.json().generatedPassword as string;
    expect(fresh).toMatch(/^.{5}-.{5}-.{5}$/);
    expect((await meWith(c)).statusCode).toBe(401);
    expect((await login(e, 'lama-sekali-1')).statusCode).toBe(401);
    expect((await login(e, fresh)).statusCode).toBe(200);
    const typed = await asAdmin('POST', `/api/users/${u.id}/reset-password`, { password: 'baru-sekali-22' });
    expect(typed.json().generatedPassword).toBeNull();
    expect((await login(e, fresh)).statusCode).toBe(401);
    expect((await login(e, 'baru-sekali-22')).statusCode).toBe(200);
    const log = (await asAdmin('GET', `/api/audit?entity=user&entityId=${u.id}&action=reset_password`)).json();
    expect(log.total).toBe(2);
    expect(JSON.stringify(log)).not.toContain(fresh);
    expect(JSON.stringify(log)).not.toContain('baru-sekali-22');
  });

  it('never leaves the installation without an active administrator', async () => {
    const me = (await asAdmin('GET', '/api/me')).json();
    const mine = (await asAdmin('GET', `/api/users/${me.id}`)).json();
    expect(mine.can).toMatchObject({ disable: false, edit: true });
    const off = await asAdmin('POST', `/api/users/${me.id}/disable`, {});
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('last_admin');
    const demote = await asAdmin('PATCH', `/api/users/${me.id}`, { role: 'mentor' });
    expect(demote.statusCode).toBe(409);
    expect((await meWith(await t.cookie(admin))).json().role).toBe('admin');
    // With a second active administrator, one of them may go; then the other is the last again.
    const second = (await asAdmin('POST', '/api/users', { email: email('admin'), name: 'Admin Dua', role: 'admin' })).json();
    expect((await asAdmin('GET', `/api/users/${me.id}`)).json().can.disable).toBe(true);
    const c2 = cookieOf(await login(second.email, second.generatedPassword));
    const offSelf = await t.app.inject({ method: 'POST', url: `/api/users/${second.id}/disable`, payload: {}, headers: { cookie: c2 } });
    expect(offSelf.statusCode, offSelf.body).toBe(200);
    expect((await meWith(c2)).statusCode).toBe(401);
    expect((await asAdmin('GET', `/api/users/${me.id}`)).json().can.disable).toBe(false);
    expect((await asAdmin('POST', `/api/users/${me.id}/disable`, {})).statusCode).toBe(409);
  });
});

describe('role, scope and title', () => {
  it('moves an account to another role and organisation, checked together; leaving the mentor role ends its assignments', async () => {
    const umkm = await orgId('umkm');
    const e = email('pindah');
    const u = (await asAdmin('POST', '/api/users', { email: e, name: 'Pindah Uji', role: 'mentor', mentorUmkmIds: [umkm] })).json();
    const bad = await asAdmin('PATCH', `/api/users/${u.id}`, { role: 'retailer' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('organizationId');
    const chain = await orgId('chain');
    const moved = await asAdmin('PATCH', `/api/users/${u.id}`, { role: 'retailer', organizationId: chain, title: 'Manajer Kemitraan' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      role: 'retailer',
      organizationId: chain,
      title: 'Manajer Kemitraan',
      mentorUmkmCount: 0,
      mentorUmkm: [],
    });
    const c = cookieOf(await login(e, u.generatedPassword));
    expect((await meWith(c)).json()).toMatchObject({ role: 'retailer', organizationId: chain });
    const upd = (await asAdmin('GET', `/api/audit?entity=user&entityId=${u.id}&action=update`)).json().items[0];
    expect(upd.before).toMatchObject({ role: 'mentor', mentorUmkmIds: [umkm] });
    expect(upd.after).toMatchObject({ role: 'retailer', mentorUmkmIds: [], title: 'Manajer Kemitraan' });
    // Assigning UMKM to someone who is not a mentor is refused at its field.
    const notMentor = await asAdmin('PATCH', `/api/users/${u.id}`, { mentorUmkmIds: [umkm] });
    expect(notMentor.json().error.field).toBe('mentorUmkmIds');
    // A title can be cleared.
    expect((await asAdmin('PATCH', `/api/users/${u.id}`, { title: null })).json().title).toBeNull();
  });

  it('the signer’s position on an agreement is the title set here', async () => {
    const chain = demo('alfamart');
    const id = (await t.handle.db.selectFrom('users').select('id').where('email', '=', chain).executeTakeFirstOrThrow()).id;
    const res = await asAdmin('PATCH', `/api/users/${id}`, { title: 'Direktur Kemitraan UMKM' });
    expect(res.statusCode).toBe(200);
    const row = await t.handle.db.selectFrom('users').select('title').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.title).toBe('Direktur Kemitraan UMKM');
  });
});

describe('the list', () => {
  const total = async (qs: string) => (await asAdmin('GET', `/api/users?${qs}`)).json().total as number;
  const count = async (where: ReturnType<typeof sql<boolean>>) =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM users WHERE ${where}`.execute(t.handle.db)).rows[0]?.n);

  it('searches name and email, filters by role, organisation and status, and every total matches the table', async () => {
    const all = await total('limit=1');
    expect(all).toBe(await count(sql`true`));
    expect(await total('q=pemda')).toBe(await count(sql`email ILIKE '%pemda%' OR name ILIKE '%pemda%'`));
    expect(await total('q=pemda')).toBeLessThan(all);
    expect(await total('role=retailer')).toBe(await count(sql`role = 'retailer'`));
    const chain = await orgId('chain', 'Alfamart');
    expect(await total(`organizationId=${chain}`)).toBe(await count(sql`organization_id = ${chain}`));
    expect(await total(`organizationId=${chain}`)).toBeGreaterThan(0);
    expect(await total('status=disabled')).toBe(await count(sql`disabled_at IS NOT NULL`));
    expect(await total('status=active')).toBe(await count(sql`disabled_at IS NULL`));
    const page = (await asAdmin('GET', '/api/users?role=retailer&limit=2&offset=1')).json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toHaveProperty('organizationName');
    expect(page.items[0]).not.toHaveProperty('passwordHash');
  });
});

describe('nobody but an administrator', () => {
  const routes: [string, string, (id: string) => string, unknown?][] = [
    ['list', 'GET', () => '/api/users'],
    ['read', 'GET', (id) => `/api/users/${id}`],
    ['create', 'POST', () => '/api/users', { email: 'x@uji.etalase.id', name: 'X', role: 'admin' }],
    ['update', 'PATCH', (id) => `/api/users/${id}`, { role: 'admin' }],
    ['disable', 'POST', (id) => `/api/users/${id}/disable`, {}],
    ['enable', 'POST', (id) => `/api/users/${id}/enable`, {}],
    ['reset', 'POST', (id) => `/api/users/${id}/reset-password`, { password: 'dibobol-sekali' }],
  ];
  for (const who of ['pemda.serang', 'alfamart', 'alfamart.bengkulu', 'umkm', 'mentor']) {
    it(`${who} is refused on every user administration route, even for their own account`, async () => {
      const self = (await t.as(demo(who), { method: 'GET', url: '/api/me' })).json().id as string;
      for (const [, method, url, payload] of routes) {
        const res = await t.as(demo(who), { method: method as 'GET', url: url(self), ...(payload ? { payload: payload as object } : {}) });
        expect([403, 404], `${who} ${method} ${url(self)}`).toContain(res.statusCode);
      }
      expect((await t.as(demo(who), { method: 'GET', url: '/api/me' })).json().role).not.toBe('admin');
    });
  }
  it('signed out, every route answers 401', async () => {
    for (const [, method, url, payload] of routes) {
      const res = await t.as(null, {
        method: method as 'GET',
        url: url(crypto.randomUUID()),
        ...(payload ? { payload: payload as object } : {}),
      });
      expect(res.statusCode).toBe(401);
    }
  });
});

it('generated passwords differ and avoid look-alike characters', () => {
  const seen = new Set(Array.from({ length: 200 }, generatePassword));
  expect(seen.size).toBe(200);
  for (const p of seen) expect(p).not.toMatch(/[01OlI]/);
});

it('a reset asked with no body at all generates the password', async () => {
  const e = email('tanpa.isi');
  const u = (await asAdmin('POST', '/api/users', { email: e, name: 'Tanpa Isi', role: 'admin' })).json();
  const res = await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/reset-password` });
  expect(res.statusCode, res.body).toBe(200);
  expect((await login(e, res.json().generatedPassword)).statusCode).toBe(200);
});
