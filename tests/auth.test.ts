// Accounts and sessions as a user meets them: sign in, a fresh session each time, sign out, disabled
// accounts, throttling, and the same answer whether an email exists or not. (Throttling as an attacker
// meets it — other addresses, concurrency, forged X-Forwarded-For — is in hardening.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers });
const sessionOf = (res: Awaited<ReturnType<typeof login>>) => res.cookies.find((c) => c.name === 'etalase_session');

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite session cookie and answers who I am', async () => {
    const res = await login(demo('pemda.bengkulu'), DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const c = sessionOf(res);
    expect(c?.httpOnly).toBe(true);
    expect(c?.sameSite).toBe('Lax');
    expect(c?.secure).toBeFalsy();
    expect(res.json()).toMatchObject({ email: demo('pemda.bengkulu'), role: 'pemda', regionCode: '17.71', demo: true });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `etalase_session=${c?.value}` } });
    expect(me.json().role).toBe('pemda');
    const audit = await t.as(demo('admin'), { method: 'GET', url: `/api/audit?entity=session&actorId=${me.json().id}` });
    expect(audit.json().items.map((a: { action: string }) => a.action)).toContain('login');
  });

  it('marks the cookie Secure behind a TLS proxy', async () => {
    const secure = await testApp({ trustProxy: ['127.0.0.1'] });
    try {
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: demo('admin'), password: DEMO_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(sessionOf(res)?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('gives a new session id at every sign-in and ends the old one', async () => {
    const first = sessionOf(await login(demo('mentor'), DEMO_PASSWORD));
    const second = sessionOf(await login(demo('mentor'), DEMO_PASSWORD, { cookie: `etalase_session=${first?.value}` }));
    expect(second?.value).not.toBe(first?.value);
    const old = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `etalase_session=${first?.value}` } });
    expect(old.statusCode).toBe(401);
  });

  it('ends the session at sign-out', async () => {
    const c = sessionOf(await login(demo('umkm'), DEMO_PASSWORD));
    const headers = { cookie: `etalase_session=${c?.value}` };
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(401);
  });

  it('answers an unknown email exactly like a wrong password (no user enumeration)', async () => {
    const unknown = await login('tidak.ada@demo.etalase.id', 'salah-sekali');
    const wrong = await login(demo('pemda.sulbar'), 'salah-sekali');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('throttles repeated failures for an email from one address, even with the right password afterwards', async () => {
    const email = demo('indomaret');
    for (let i = 0; i < 5; i++) expect((await login(email, `salah-${i}`)).statusCode).toBe(401);
    const blocked = await login(email, DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message.id).toMatch(/Terlalu banyak/);
    // Other accounts are not affected.
    expect((await login(demo('alfamart'), DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('disabling a user ends their sessions at once and refuses new ones', async () => {
    const umkm = sessionOf(await login(demo('umkm'), DEMO_PASSWORD));
    const headers = { cookie: `etalase_session=${umkm?.value}` };
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers })).json();
    const off = await t.as(demo('admin'), { method: 'POST', url: `/api/users/${me.id}/disable`, payload: {} });
    expect(off.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(401);
    expect((await login(demo('umkm'), DEMO_PASSWORD)).statusCode).toBe(401);
    await t.as(demo('admin'), { method: 'POST', url: `/api/users/${me.id}/enable`, payload: {} });
    expect((await login(demo('umkm'), DEMO_PASSWORD)).statusCode).toBe(200);
  });
});
