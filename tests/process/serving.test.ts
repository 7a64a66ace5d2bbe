// A server one client cannot freeze, tested on the real process (PGlite; PostgreSQL when DATABASE_URL is
// set): slow request bodies delay nobody and are cut off; clients that abort at any point leave no
// transaction open; SIGTERM under load drains and exits; a full connection queue answers 503.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etalase, type Server, startServer } from './server.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-serving-'));
const PASSWORD = 'rahasia-uji-123';
const env: Record<string, string> = {
  ETALASE_DATA_DIR: dir,
  ETALASE_ADMIN_PASSWORD: PASSWORD,
  // Short enough to see the server cut a slow client off within the test.
  ETALASE_REQUEST_TIMEOUT_MS: '4000',
  ETALASE_HEADERS_TIMEOUT_MS: '4000',
  ETALASE_SHUTDOWN_TIMEOUT_MS: '3000',
};
let server: Server | undefined;
let admin: pg.Client | undefined;
let dbName: string | undefined;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    // A database of its own, so that pg_stat_activity can be read for this server's sessions only.
    dbName = `etalase_s_${crypto.randomBytes(6).toString('hex')}`;
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  const created = etalase(['create-admin', 'admin@uji.id'], env);
  expect(created.status, created.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  if (server && server.proc.exitCode === null) {
    server.proc.kill('SIGKILL');
    await server.exited;
  }
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timed(run: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await run();
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

const health = () => timed(() => fetch(`${server?.url}/api/health`));
const login = () =>
  timed(() =>
    fetch(`${server?.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@uji.id', password: PASSWORD }),
    }),
  );

async function cookie(): Promise<string> {
  const res = await fetch(`${server?.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@uji.id', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

/** A raw HTTP/1.1 connection, to send a request in pieces and hang up wherever the test wants. */
function connect(): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
  const u = new URL(server?.url as string);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname, () => resolve({ socket, received: () => data, closed }));
    let data = '';
    socket.on('data', (d) => {
      data += d;
    });
    socket.on('error', () => {});
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.once('error', reject);
  });
}

const head = (method: string, url: string, length: number, extra = '') =>
  `${method} ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;

async function idleInTransaction(): Promise<number> {
  if (!admin) return 0;
  const r = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`, [
    dbName,
  ]);
  return r.rows[0].n;
}

/** Requests that use the database, from `n` clients in a loop until `stop()`. */
function load(n: number, auth: string) {
  let running = true;
  let answered = 0;
  const urls = ['/api/regions?level=village&parent=36.04.06&limit=50', '/api/audit?limit=20', '/api/umkm?limit=20'];
  const loops = Array.from({ length: n }, async (_v, i) => {
    for (let k = i; running; k++) {
      try {
        const res = await fetch(`${server?.url}${urls[k % urls.length]}`, { headers: { cookie: auth } });
        await res.arrayBuffer();
        answered++;
      } catch {
        // the server is going away (the SIGTERM test)
      }
    }
  });
  return {
    answered: () => answered,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe('serving under hostile clients', () => {
  it('clients sending their bodies slowly delay neither /api/health nor a login, and are cut off', async () => {
    server = await startServer('serve', env);
    await login(); // warm-up (first argon2 call, first query plans)
    const baseline = Math.max((await login()).ms, (await login()).ms);

    // More slow clients than PostgreSQL's pool has connections (10).
    const slow = await Promise.all(Array.from({ length: 12 }, () => connect()));
    for (const c of slow) c.socket.write(`${head('POST', '/api/auth/login', 1000)}{"email":"admin@uji.id",`);
    const drip = setInterval(() => {
      for (const c of slow) c.socket.write(' ');
    }, 500);
    try {
      // A login whose client gives up at once (a phone losing signal) while the slow body is held.
      const gaveUp = new AbortController();
      const abandoned = fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@uji.id', password: PASSWORD }),
        signal: gaveUp.signal,
      }).catch(() => null);
      await sleep(5);
      gaveUp.abort();
      await abandoned;

      for (let i = 0; i < 3; i++) {
        const h = await health();
        const l = await login();
        expect(h.status).toBe(200);
        expect(l.status).toBe(200);
        expect(h.ms).toBeLessThan(1000);
        expect(l.ms - baseline).toBeLessThan(1000); // not delayed by more than 1 s
        await sleep(300);
      }
      // The server ends the slow clients (request timeout), it does not wait for them for ever.
      await Promise.race([Promise.all(slow.map((c) => c.closed)), sleep(15_000)]);
      for (const c of slow) expect(c.socket.destroyed || c.received().startsWith('HTTP/1.1 408')).toBe(true);
    } finally {
      clearInterval(drip);
      for (const c of slow) c.socket.destroy();
    }
  }, 150_000);

  it('clients aborting 100 requests at random points under load leave no transaction open', async () => {
    const auth = await cookie();
    const background = load(4, auth);
    const umkm = (i: number) =>
      JSON.stringify({
        name: `UMKM Putus ${i}`,
        ownerName: 'Pemilik Uji',
        address: `Jl. Putus ${i}`,
        villageCode: '36.04.06.2001',
        lat: -6.05,
        lon: 106.2,
        weeklyCapacity: 100,
      });
    const kinds = [
      // queued or in the handler: the whole request sent, the socket closed after a random moment
      async (i: number) => {
        const c = await connect();
        const body = umkm(i);
        c.socket.write(head('POST', '/api/umkm', Buffer.byteLength(body), `Cookie: ${auth}\r\n`) + body);
        await sleep(Math.random() * 40);
        c.socket.destroy();
      },
      // mid-body
      async (i: number) => {
        const c = await connect();
        const body = umkm(i);
        c.socket.write(head('POST', '/api/umkm', Buffer.byteLength(body), `Cookie: ${auth}\r\n`) + body.slice(0, 20));
        await sleep(Math.random() * 40);
        c.socket.destroy();
      },
      // mid-response: the first bytes of the answer arrived, the rest is refused
      async () => {
        const c = await connect();
        c.socket.write(`GET /api/regions?level=village&limit=500 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${auth}\r\n\r\n`);
        await new Promise<void>((r) => {
          c.socket.once('data', () => r());
          setTimeout(r, 2000);
        });
        c.socket.destroy();
      },
      // fetch aborted by its caller at a random moment
      async (i: number) => {
        const ac = new AbortController();
        const p = fetch(`${server?.url}/api/umkm`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: auth },
          body: umkm(i),
          signal: ac.signal,
        }).catch(() => null);
        await sleep(Math.random() * 40);
        ac.abort();
        await p;
      },
    ];
    const all: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      all.push((kinds[i % kinds.length] as (i: number) => Promise<void>)(i));
      if (i % 10 === 9) await sleep(20);
    }
    await Promise.all(all);
    await background.stop();
    expect(background.answered()).toBeGreaterThan(0);

    await sleep(500); // let the last handlers of departed clients finish
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.ms).toBeLessThan(1000);
    const l = await login(); // needs the database: proves no transaction holds the connection
    expect(l.status).toBe(200);
    expect(await idleInTransaction()).toBe(0);
  }, 120_000);

  it('SIGTERM during load drains and exits within the bound, leaving no transaction', async () => {
    const s = server as Server;
    const auth = await cookie();
    const background = load(6, auth);
    await sleep(500);
    const t0 = performance.now();
    s.proc.kill('SIGTERM');
    const code = await s.exited;
    const ms = performance.now() - t0;
    await background.stop();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(3000 + 10_000); // the configured drain time plus a generous margin
    expect(await idleInTransaction()).toBe(0);
    if (admin) {
      const r = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [dbName]);
      expect(r.rows[0].n).toBe(0); // the pool was closed, not abandoned
    }
  }, 60_000);

  it('answers 503 with Retry-After, in both languages, when the connection queue is full', async () => {
    server = await startServer('serve', { ...env, ETALASE_DB_QUEUE: '1' });
    // Sign-ins hold the connection while the password hash is checked (off the main thread), so that
    // simultaneous ones really queue for it.
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${server?.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@uji.id', password: PASSWORD }),
        }),
      ),
    );
    const busy = answers.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    expect(busy[0]?.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = await busy[0]?.json();
    expect(body.error.code).toBe('busy');
    expect(body.error.message.id).toBeTruthy();
    expect(body.error.message.en).toBeTruthy();
    expect((await health()).status).toBe(200); // health never queues
  }, 120_000);

  it('a client holding its request body open for 60 s delays neither /api/health nor a login by more than 1 s', async () => {
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    // The request timeout is lifted above the hold, so the body really stays open for 60 s.
    server = await startServer('serve', { ...env, ETALASE_REQUEST_TIMEOUT_MS: '90000' });
    await login();
    const baseline = Math.max((await login()).ms, (await login()).ms);
    const prefix = '{"email":"lambat@uji.id",';
    const suffix = '"password":"salah-sekali"}';
    const drips = 30;
    const slow = await Promise.all(Array.from({ length: 3 }, () => connect()));
    for (const c of slow) c.socket.write(`${head('POST', '/api/auth/login', prefix.length + drips + suffix.length)}${prefix}`);
    const started = performance.now();
    const worst = { health: 0, login: 0 };
    for (let i = 0; i < drips; i++) {
      for (const c of slow) c.socket.write(' ');
      const h = await health();
      const l = await login();
      expect(h.status).toBe(200);
      expect(l.status).toBe(200);
      worst.health = Math.max(worst.health, h.ms);
      worst.login = Math.max(worst.login, l.ms - baseline);
      await sleep(Math.max(0, 2000 - h.ms - l.ms));
    }
    expect(performance.now() - started).toBeGreaterThan(59_000); // the body was held for a minute
    expect(worst.health).toBeLessThan(1000);
    expect(worst.login).toBeLessThan(1000);
    // The slow clients finish their bodies and are answered like anyone (an unknown email: 401).
    for (const c of slow) c.socket.write(suffix);
    await Promise.race([Promise.all(slow.map((c) => new Promise<void>((r) => c.socket.once('data', () => r())))), sleep(10_000)]);
    await sleep(200);
    for (const c of slow) {
      expect(c.received()).toMatch(/^HTTP\/1\.1 401/);
      c.socket.destroy();
    }
  }, 150_000);
});
