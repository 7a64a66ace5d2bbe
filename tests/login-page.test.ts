// The server-rendered sign-in page (issue 13): GET /login answers HTML that paints without the web app's
// bundle — Bahasa Indonesia first, English by ?lang=en or the etalase_lang cookie — under a CSP with no
// inline script, its one script /login.js served as JavaScript; and the answers of POST /api/auth/login that
// login.js shows (a bilingual message, field problems by field) keep their shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_STYLE_HASH } from '../src/platform/page/page.tsx';
import { demo, type TestApp, testApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** The text of the <label> for an input id. */
const labelFor = (html: string, id: string) => html.match(new RegExp(`<label for="${id}">([^<]*)</label>`))?.[1];

describe('GET /login', () => {
  it('is an HTML page in Bahasa Indonesia with the labelled form', async () => {
    const res = await get('/login');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toMatch(/^<!doctype html><html lang="id">/);
    expect(labelFor(html, 'f-email')).toBe('Email');
    expect(labelFor(html, 'f-password')).toBe('Kata sandi');
    expect(html).toMatch(/<h1 data-testid="login-title">Masuk ke Etalase<\/h1>/);
    expect(html).toMatch(/<button[^>]*data-testid="login-submit"[^>]*>Masuk<\/button>/);
    expect(html).toContain('role="alert"');
    // Not the web app's shell: the page stands on its own.
    expect(html).not.toContain('id="root"');
    // The switch to the other language.
    expect(html).toMatch(/<a href="\/login\?lang=en" hrefLang="en" lang="en">English<\/a>/);
  });

  it('speaks English with ?lang=en or the etalase_lang cookie, Indonesian with ?lang=id over the cookie', async () => {
    for (const res of [await get('/login?lang=en'), await get('/login', { cookie: 'etalase_lang=en' })]) {
      expect(res.body).toMatch(/<html lang="en">/);
      expect(labelFor(res.body, 'f-password')).toBe('Password');
      expect(res.body).toContain('Sign in to Etalase');
      expect(res.body).toContain('>Bahasa Indonesia</a>');
    }
    const id = await get('/login?lang=id', { cookie: 'etalase_lang=en' });
    expect(labelFor(id.body, 'f-password')).toBe('Kata sandi');
  });

  it('keeps `next` in the language switch, escaped', async () => {
    const res = await get(`/login?next=${encodeURIComponent('/products?q=a&b=1')}`);
    expect(res.body).toContain('href="/login?next=%2Fproducts%3Fq%3Da%26b%3D1&amp;lang=en"');
    const evil = await get(`/login?next=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(evil.statusCode).toBe(200);
    expect(evil.body).not.toContain('<script>alert');
  });

  it('has no inline script but JSON data blocks, under a CSP without unsafe-inline', async () => {
    const res = await get('/login');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // The inlined stylesheet is the one the CSP lets in by its hash.
    expect(csp).toContain(PAGE_STYLE_HASH);
    const scripts = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs = '', content = ''] of scripts) {
      if (/\bsrc="/.test(attrs)) {
        expect(content).toBe('');
        expect(attrs).toMatch(/\bdefer\b/);
      } else expect(attrs).toMatch(/type="application\/(ld\+)?json"/);
    }
    // No event-handler attributes either (script-src-attr 'none' would block them anyway).
    expect(res.body).not.toMatch(/\son[a-z]+="/i);
  });

  it('serves /login.js as JavaScript, under the versioned URL the page names', async () => {
    const page = await get('/login');
    const src = page.body.match(/<script src="(\/login\.js\?v=[0-9a-f]+)" defer="">/)?.[1];
    expect(src).toBeDefined();
    const js = await get(src as string);
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.body).toContain('/api/auth/login');
    expect(js.headers['cache-control']).toMatch(/max-age=\d+/);
  });

  it('shows the form to a signed-in visitor too (signing in again replaces the session)', async () => {
    const res = await t.as(demo('umkm'), { method: 'GET', url: '/login' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="login-submit"');
  });
});

describe('what login.js reads from POST /api/auth/login', () => {
  const login = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object });

  it('a wrong password: 401 with a message in both languages and no field', async () => {
    const res = await login({ email: demo('mentor'), password: 'bukan-ini' });
    expect(res.statusCode).toBe(401);
    const { error } = res.json();
    expect(error.message).toEqual({ id: 'Email atau kata sandi salah.', en: 'Wrong email or password.' });
    expect(error.fields).toBeUndefined();
  });

  it('a malformed email: 400 with the problem at the email field', async () => {
    const res = await login({ email: 'bukan email', password: 'x' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.fields[0].field).toBe('email');
    expect(typeof error.fields[0].message.id).toBe('string');
    expect(typeof error.fields[0].message.en).toBe('string');
  });
});
