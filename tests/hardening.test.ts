// Serving safely, as an attacker would try it: cross-site requests, NUL bytes and broken UTF-8, oversize and
// truncated uploads, someone else's file, forged X-Forwarded-For, floods of requests and of passwords —
// and what the administrator sees of it in the security log.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_PAIR } from '../src/modules/accounts/accounts.service.ts';
import { demo, type TestApp, testApp } from './app.ts';
import { multipart } from './files.ts';

const PROXY = '10.9.9.9';
const MAX = 5 * 1024 * 1024;
let t: TestApp;
let product: string;
let outlet: string;

beforeAll(async () => {
  t = await testApp({ trustProxy: [PROXY] });
  product = (await t.as(demo('umkm'), { method: 'GET', url: '/api/products?limit=1' })).json().items[0].id;
  outlet = (await t.as(demo('alfamart'), { method: 'GET', url: '/api/outlets?limit=1' })).json().items[0].id;
});
afterAll(() => t.close());

/** Another app on the same database with other settings (rate limits, quota): no second database to clone. */
async function withApp<T>(overrides: Partial<Config>, f: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>) {
  const app = await buildApp({ handle: t.handle, config: { ...t.config, ...overrides } });
  await app.ready();
  try {
    return await f(app);
  } finally {
    await app.close();
  }
}

const jpeg = (size: number, fill = 1) => {
  const b = Buffer.alloc(size, fill);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(b);
  return b;
};
const upload = async (who: string, content: Buffer, app = t.app) => {
  const body = multipart(content, 'foto.jpg');
  return app.inject({
    method: 'POST',
    url: '/api/files',
    payload: body.payload,
    headers: { ...body.headers, cookie: await t.cookie(demo(who)) },
  });
};

async function events(kind: string) {
  const res = await t.as(demo('admin'), { method: 'GET', url: `/api/security-events?kind=${kind}&limit=500` });
  expect(res.statusCode).toBe(200);
  return res.json().items as { kind: string; ip: string; email: string | null; url: string; actorId: string | null; detail: unknown }[];
}

function filesOnDisk(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
async function stored() {
  const n = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(t.handle.db)).rows[0]?.n);
  return {
    files: await n(sql`SELECT count(*) AS n FROM files`),
    uploads: await n(sql`SELECT count(*) AS n FROM file_uploads`),
    audit: await n(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'file'`),
    disk: filesOnDisk(t.config.filesDir),
  };
}

describe('security headers', () => {
  it('sends a CSP without inline scripts or styles, frame-ancestors none, and no HSTS over plain http', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS only when a trusted TLS proxy says the request came over https', async () => {
    const viaProxy = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(viaProxy.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const forged = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers['strict-transport-security']).toBeUndefined();
  });

  it('lets map tiles come from the configured tile server only', async () => {
    await withApp({ tileUrl: 'https://{s}.tile.example.org/{z}/{x}/{y}.png' }, async (app) => {
      const csp = String((await app.inject({ method: 'GET', url: '/api/health' })).headers['content-security-policy']);
      expect(csp).toMatch(/img-src 'self' data: https:\/\/\*\.tile\.example\.org(;|$)/);
    });
  });

  it('relaxes the CSP for the Swagger UI only', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/static/index.html' });
    expect(String(docs.headers['content-security-policy'])).toContain("style-src 'self' 'unsafe-inline'");
    expect(String(docs.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});

describe('cross-site requests (CSRF)', () => {
  const archive = (headers: Record<string, string>, payload?: string) =>
    t.as(demo('alfamart'), {
      method: 'POST',
      url: `/api/outlets/${outlet}/archive`,
      headers: { host: 'etalase.test', ...headers },
      payload,
    });
  const archived = async () =>
    (await sql<{ a: Date | null }>`SELECT archived_at AS a FROM outlets WHERE id = ${outlet}`.execute(t.handle.db)).rows[0]?.a ?? null;

  it('refuses a text/plain archive from another origin, changes nothing, and logs it', async () => {
    const res = await archive({ origin: 'https://evil.example', 'content-type': 'text/plain' }, 'x');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'cross_site_refused',
      message: { id: expect.stringMatching(/ditolak/), en: expect.any(String) },
    });
    expect(await archived()).toBeNull();
    const logged = await events('cross_site_refused');
    expect(logged.some((e) => e.url === `/api/outlets/${outlet}/archive`)).toBe(true);
  });

  it('refuses JSON sent from a cross-site page (Sec-Fetch-Site), even without an Origin header', async () => {
    const res = await archive({ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, '{}');
    expect(res.statusCode).toBe(403);
    expect(await archived()).toBeNull();
  });

  it('refuses a mutation that is neither JSON nor multipart, even from a script without Origin', async () => {
    const res = await archive({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.field).toBe('content-type');
    expect(await archived()).toBeNull();
  });

  it('lets the web app through: same origin, JSON, as src/web/api.ts sends it', async () => {
    const other = (await t.as(demo('alfamart'), { method: 'GET', url: '/api/outlets?limit=2' })).json().items[1].id;
    const res = await t.as(demo('alfamart'), {
      method: 'POST',
      url: `/api/outlets/${other}/archive`,
      headers: { host: 'etalase.test', origin: 'http://etalase.test', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('NUL bytes and invalid UTF-8', () => {
  it('answers a NUL in an anonymous search with 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/regions?q=%00' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'nul_byte', field: 'q' });
    expect(res.json().error.message.id).toMatch(/NUL/);
  });

  it('answers a NUL deep in a JSON body with 400 naming its path, and stores nothing', async () => {
    const before = (await sql<{ n: string }>`SELECT count(*) AS n FROM products`.execute(t.handle.db)).rows[0]?.n;
    const res = await t.as(demo('umkm'), {
      method: 'POST',
      url: `/api/products/${product}/permits`,
      payload: { type: 'pirt', number: '1234567890\u000012345', issuedOn: '2024-01-10' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('number');
    const search = await t.as(demo('umkm'), { method: 'GET', url: '/api/products?q=terasi%00' });
    expect(search.json().error.field).toBe('q');
    expect((await sql<{ n: string }>`SELECT count(*) AS n FROM products`.execute(t.handle.db)).rows[0]?.n).toBe(before);
  });

  it('refuses a JSON body that is not valid UTF-8 instead of storing replacement characters', async () => {
    const body = Buffer.concat([Buffer.from('{"name":"Terasi '), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await t.as(demo('umkm'), {
      method: 'PATCH',
      url: `/api/products/${product}`,
      payload: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_utf8', field: 'body' });
    const names = await sql<{ n: string }>`SELECT count(*) AS n FROM products WHERE name LIKE ${'%\uFFFD%'}`.execute(t.handle.db);
    expect(Number(names.rows[0]?.n)).toBe(0);
  });
});

describe('uploads', () => {
  it('the upload routes are /api/files and the POS import (so the cases below cover every upload route)', () => {
    const src = path.resolve(import.meta.dirname, '../src');
    const readers = (fs.readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /\.(isMultipart|file|files|parts|saveRequestFiles)\(/.test(fs.readFileSync(path.join(src, f), 'utf8')))
      .map((f) => f.replaceAll(path.sep, '/'));
    expect(readers.sort()).toEqual(['modules/sales/sales.routes.ts', 'platform/files.routes.ts']);
  });

  it('the POS import answers a multipart body cut off in the middle with 400 and keeps no part of it', async () => {
    const boundary = '----pos-cut';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.alloc(50_000, 'A9TW;2026-11-20;8991853100134;1;25000\n'),
    ]);
    const res = await t.as(demo('alfamart'), {
      method: 'POST',
      url: '/api/sales/imports',
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'multipart_invalid', field: 'file' });
    const dir = path.join(t.config.filesDir, 'sales-imports');
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
  });

  it('answers 5 MiB + 1 byte with 413 and stores nothing: no file on disk, no row', async () => {
    const before = await stored();
    const res = await upload('umkm', jpeg(MAX + 1));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'file_too_large', field: 'file' });
    expect(await stored()).toEqual(before);
  });

  it('over a real socket, no size between 5 MiB and 50 MiB is accepted cut short', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const cookie = await t.cookie(demo('umkm'));
    const before = await stored();
    const answers: number[] = [];
    for (const size of [MAX + 1, MAX + 1000, MAX + 65_537, 6 * 1024 * 1024, 12 * 1024 * 1024 + 7, 50 * 1024 * 1024]) {
      const fd = new FormData();
      fd.append('file', new Blob([jpeg(size, size % 251)], { type: 'image/jpeg' }), 'besar.jpg');
      const res = await fetch(`http://127.0.0.1:${port}/api/files`, { method: 'POST', body: fd, headers: { cookie } });
      answers.push(res.status);
      await res.arrayBuffer();
    }
    expect(answers).toEqual([413, 413, 413, 413, 413, 413]);
    expect(await stored()).toEqual(before);
  });

  it('accepts exactly the limit, stores it whole and writes an audit row for the upload', async () => {
    const res = await upload('umkm', jpeg(MAX, 7));
    expect(res.statusCode).toBe(201);
    expect(res.json().size).toBe(MAX);
    const audit = await t.as(demo('admin'), { method: 'GET', url: `/api/audit?entity=file&entityId=${res.json().sha256}` });
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0]).toMatchObject({ action: 'upload', after: { size: MAX, mime: 'image/jpeg' } });
  });

  it('answers a multipart body cut off in the middle with 400, not 500', async () => {
    const full = multipart(jpeg(20_000), 'foto.jpg');
    const res = await t.as(demo('umkm'), {
      method: 'POST',
      url: '/api/files',
      payload: full.payload.subarray(0, 10_000),
      headers: full.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'multipart_invalid', field: 'file' });
  });

  it('keeps each organisation within its storage quota; the same file again costs nothing', async () => {
    await withApp({ quotaBytes: 300_000 }, async (app) => {
      const used = Number(
        (
          await sql<{ n: string }>`SELECT coalesce(sum(f.size_bytes),0) AS n FROM file_uploads u JOIN files f USING (sha256)
          JOIN users us ON us.organization_id = u.tenant_id WHERE us.email = ${demo('pemda.oki')}`.execute(t.handle.db)
        ).rows[0]?.n,
      );
      expect(used).toBe(0);
      expect((await upload('pemda.oki', jpeg(200_000, 3), app)).statusCode).toBe(201);
      expect((await upload('pemda.oki', jpeg(200_000, 3), app)).statusCode).toBe(201); // already stored: free
      const before = await stored();
      const over = await upload('pemda.oki', jpeg(200_000, 4), app);
      expect(over.statusCode).toBe(409);
      expect(over.json().error).toMatchObject({ code: 'storage_quota_exceeded', field: 'file' });
      expect(over.json().error.message.id).toMatch(/penuh/);
      expect(await stored()).toEqual(before);
      // Another organisation's quota is its own.
      expect((await upload('pemda.ambon', jpeg(200_000, 4), app)).statusCode).toBe(201);
    });
  });
});

describe("someone else's file", () => {
  it('cannot be attached by a tenant that did not upload it: 404 as if it did not exist, logged', async () => {
    const theirs = (await upload('pemda.oki', jpeg(3000, 9))).json().sha256 as string;
    const attach = (sha256: string) => t.as(demo('umkm'), { method: 'POST', url: `/api/products/${product}/photos`, payload: { sha256 } });
    const foreign = await attach(theirs);
    const missing = await attach('e'.repeat(64));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    const logged = await events('cross_tenant_refused');
    expect(logged.find((e) => (e.detail as { file?: string }).file === theirs)?.email).toBe(demo('umkm'));
    // The same content uploaded by the UMKM itself is its own to attach.
    expect((await upload('umkm', jpeg(3000, 9))).json().sha256).toBe(theirs);
    expect((await attach(theirs)).statusCode).toBe(201);
  });
});

describe('reading a file by its hash', () => {
  const download = (who: string, sha256: string) => t.as(demo(who), { method: 'GET', url: `/api/files/${sha256}` });

  it('is for its uploader, for readers of the product it shows, and for a permit scan only with the owner known', async () => {
    const photo = (await upload('umkm', jpeg(3100, 21))).json().sha256 as string;
    // Uploaded, not yet attached: only the uploader (and the admin) may fetch it.
    expect((await download('umkm', photo)).statusCode).toBe(200);
    expect((await download('indomaret', photo)).statusCode).toBe(404);
    expect((await download('pemda.oki', photo)).statusCode).toBe(404);
    expect((await download('admin', photo)).statusCode).toBe(200);
    // A product photo is seen by whoever sees the product: every chain, the business's own Dinas.
    expect(
      (await t.as(demo('umkm'), { method: 'POST', url: `/api/products/${product}/photos`, payload: { sha256: photo } })).statusCode,
    ).toBe(201);
    expect((await download('indomaret', photo)).statusCode).toBe(200);
    expect((await download('pemda.oki', photo)).statusCode).toBe(200);
    expect((await download('pemda.serang', photo)).statusCode).toBe(404);
    // A permit scan names the owner: Alfamart curates this OKI business, Indomaret has no reason to know it.
    const scan = (await upload('umkm', jpeg(3100, 22))).json().sha256 as string;
    const permit = await sql<{ id: string }>`SELECT id FROM product_permits WHERE product_id = ${product} LIMIT 1`.execute(t.handle.db);
    if (permit.rows[0]) {
      await sql`UPDATE product_permits SET scan_sha256 = ${scan} WHERE id = ${permit.rows[0].id}`.execute(t.handle.db);
    } else {
      await sql`INSERT INTO product_permits (product_id, type, number, issued_on, scan_sha256)
        VALUES (${product}, 'halal', 'ID16110000999990126', '2026-01-10', ${scan})`.execute(t.handle.db);
    }
    expect((await download('alfamart', scan)).statusCode).toBe(200);
    expect((await download('indomaret', scan)).statusCode).toBe(404);
  });
});

describe('sign-in throttling', () => {
  const login = (email: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress, headers });

  it('five wrong passwords from one address do not stop the right password from another address', async () => {
    const email = demo('admin');
    for (let i = 0; i < MAX_FAILURES_PER_PAIR; i++) expect((await login(email, `salah-${i}`, '203.0.113.5')).statusCode).toBe(401);
    expect((await login(email, DEMO_PASSWORD, '203.0.113.5')).statusCode).toBe(429);
    expect((await login(email, DEMO_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
    const failed = await events('login_failed');
    expect(failed.filter((e) => e.email === email && e.ip === '203.0.113.5')).toHaveLength(MAX_FAILURES_PER_PAIR);
    expect((await events('login_throttled')).some((e) => e.email === email && e.ip === '203.0.113.5')).toBe(true);
  });

  it('one address guessing many emails is stopped after the per-address limit', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
      expect((await login(`orang${i}@contoh.id`, 'salah-sekali', ip)).statusCode).toBe(401);
    expect((await login(demo('pemda.sulbar'), DEMO_PASSWORD, ip)).statusCode).toBe(429);
    expect((await login(demo('pemda.sulbar'), DEMO_PASSWORD, '203.0.113.78')).statusCode).toBe(200);
  });

  it('concurrent wrong passwords never run more password checks than the limit', async () => {
    const email = demo('alfamidi');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(email, `tebak-${i}`, '192.0.2.40')));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(MAX_FAILURES_PER_PAIR);
    // The rest are throttled (429), or shed by the bounded wait for the database (503) before any check.
    expect(codes.filter((c) => c === 429 || c === 503)).toHaveLength(40 - MAX_FAILURES_PER_PAIR);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    const checked = await sql<{ n: string }>`SELECT count(*) AS n FROM login_attempts WHERE email = ${email}`.execute(t.handle.db);
    expect(Number(checked.rows[0]?.n)).toBe(MAX_FAILURES_PER_PAIR);
  });
});

describe('proxy trust', () => {
  it('refuses ETALASE_TRUST_PROXY=true at start-up with a clear message, and accepts a list of IPs and CIDRs', () => {
    expect(() => loadConfig({ ETALASE_TRUST_PROXY: 'true' })).toThrow(/ETALASE_TRUST_PROXY.*never every peer/);
    expect(() => loadConfig({ ETALASE_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not an IP address or CIDR/);
    expect(loadConfig({ ETALASE_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('ignores X-Forwarded-For from an untrusted peer: throttling and the logs use the real address', async () => {
    const email = demo('pemda.ambon');
    for (let i = 0; i < MAX_FAILURES_PER_PAIR; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: `salah-${i}` },
        remoteAddress: '192.0.2.99',
        headers: { 'x-forwarded-for': `198.18.0.${i}` },
      });
      expect(res.statusCode).toBe(401);
    }
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: DEMO_PASSWORD },
      remoteAddress: '192.0.2.99',
      headers: { 'x-forwarded-for': '198.18.0.200' },
    });
    expect(next.statusCode).toBe(429);
    const ips = (await events('login_failed')).filter((e) => e.email === email).map((e) => e.ip);
    expect(new Set(ips)).toEqual(new Set(['192.0.2.99']));
  });

  it('believes X-Forwarded-For from the configured proxy (audit records the client)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: demo('pemda.oki'), password: DEMO_PASSWORD },
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '198.18.7.7' },
    });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    const audit = await t.as(demo('admin'), { method: 'GET', url: `/api/audit?entity=session&actorId=${me.id}&limit=1` });
    expect(audit.json().items[0].after.ip).toBe('198.18.7.7');
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After and the bilingual error once an address exceeds its limit', async () => {
    await withApp({ rateLimitPerIp: 5 }, async (app) => {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++)
        codes.push((await app.inject({ method: 'GET', url: '/api/health', remoteAddress: '192.0.2.1' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
      const res = await app.inject({ method: 'GET', url: '/api/health', remoteAddress: '192.0.2.1' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json().error).toMatchObject({
        code: 'rate_limited',
        message: { id: expect.stringMatching(/Terlalu banyak/), en: expect.any(String) },
      });
      // Another address is not affected.
      expect((await app.inject({ method: 'GET', url: '/api/health', remoteAddress: '192.0.2.2' })).statusCode).toBe(200);
    });
  });

  it('limits a session whichever address it comes from, and made-up cookies do not escape the address limit', async () => {
    await withApp({ rateLimitPerSession: 3, rateLimitPerIp: 8 }, async (app) => {
      const cookie = await t.cookie(demo('mentor'));
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push(
          (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie }, remoteAddress: `192.0.2.${10 + i}` })).statusCode,
        );
      }
      expect(codes).toEqual([200, 200, 200, 429]);
      const forged: number[] = [];
      for (let i = 0; i < 9; i++) {
        const res = await app.inject({
          method: 'GET',
          url: '/api/health',
          headers: { cookie: `etalase_session=fake${i}` },
          remoteAddress: '192.0.2.50',
        });
        forged.push(res.statusCode);
      }
      expect(forged.at(-1)).toBe(429);
    });
  });
});

describe('security log', () => {
  it('records a refusal by policy and is readable by the administrator only', async () => {
    const refused = await t.as(demo('umkm'), { method: 'GET', url: '/api/security-events' });
    expect(refused.statusCode).toBe(403);
    const logged = await events('policy_refused');
    expect(logged.some((e) => e.url === '/api/security-events' && e.email === demo('umkm') && e.actorId !== null)).toBe(true);
  });
});
