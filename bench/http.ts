// HTTP load figures for docs/BENCHMARKS.md (autocannon, programmatic API), all in one run against 127.0.0.1:
// a bare Fastify "hello" (the ceiling of this machine), then the real server started as `etalase demo` in a
// child process — /api/health, an authenticated list (GET /api/outlets as alfamart) and a write (PATCH of
// an outlet's local slots) — on PGlite and, when DATABASE_URL is set, on a fresh database of that
// PostgreSQL server (dropped afterwards); then 60 s at a fixed 200 req/s mixed load on PGlite.
// Usage: npx tsx bench/http.ts [seconds per closed-loop run, default 10]
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, type Server, startServer } from '../tests/process/server.ts';
import { signIn } from './signin.ts';

interface Request {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface Instance extends PromiseLike<{ errors: number; timeouts: number; duration: number }> {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
// autocannon ships no types; this is the part used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  requests?: Request[];
  overallRate?: number;
  timeout?: number;
}) => Instance;

const SECONDS = Number(process.argv[2] ?? 10);
const FIXED_SECONDS = 60;
const FIXED_RATE = 200;

const pct = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : Number.NaN;

interface Row {
  what: string;
  reqPerS: number;
  p50: number;
  p99: number;
  ok: number;
  busy: number;
  other: number;
  unserved: number;
}

/** One autocannon run; latencies are those of each answered request (not corrected for omission). */
async function run(what: string, url: string, opts: { requests: Request[]; connections: number; duration: number; rate?: number }) {
  const ok: number[] = [];
  let busy = 0;
  let other = 0;
  const inst = autocannon({
    url,
    connections: opts.connections,
    duration: opts.duration,
    requests: opts.requests,
    overallRate: opts.rate,
    timeout: 10,
  });
  inst.on('response', (_c, status, _b, ms) => {
    if (status < 300) ok.push(ms);
    else if (status === 503) busy++;
    else other++;
  });
  const res = await inst;
  ok.sort((a, b) => a - b);
  const row: Row = {
    what,
    reqPerS: ok.length / opts.duration,
    p50: pct(ok, 50),
    p99: pct(ok, 99),
    ok: ok.length,
    busy,
    other,
    unserved: res.errors + res.timeouts,
  };
  process.stderr.write(`  ${what}: ${row.ok} ok, ${row.busy} × 503, ${row.other} other, ${row.unserved} unserved\n`);
  return row;
}

async function helloServer(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const code = `import Fastify from 'fastify';
const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: ${port}, host: '127.0.0.1' });
console.log('ready');`;
  const proc = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: path.resolve(import.meta.dirname, '..') });
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    proc.once('exit', () => reject(new Error('hello server exited')));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => proc.kill('SIGTERM') };
}

async function scenarios(server: Server) {
  const cookie = await signIn(server.url, 'alfamart@demo.etalase.id');
  const list = await (await fetch(`${server.url}/api/outlets?limit=20`, { headers: { cookie } })).json();
  const outlet = list.items[0] as { id: string; localSlots: number };
  const get = (p: string): Request => ({ method: 'GET', path: p, headers: { cookie } });
  const write: Request = {
    method: 'PATCH',
    path: `/api/outlets/${outlet.id}`,
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ localSlots: outlet.localSlots }),
  };
  const check = await fetch(`${server.url}${write.path}`, { method: 'PATCH', headers: write.headers, body: write.body });
  if (check.status !== 200) throw new Error(`write: ${check.status} ${await check.text()}`);
  return { health: get('/api/health'), list: get('/api/outlets?limit=20'), write };
}

async function etalase(kind: string, env: Record<string, string>, rows: Row[], fixed: boolean) {
  process.stderr.write(`${kind}: starting the demo server …\n`);
  // Every benchmark client is one address and one session: the rate limiter stays on (its cost is measured)
  // but its per-minute limits are lifted, or the figures would be of 429s.
  const server = await startServer(
    'demo',
    { ETALASE_RATE_LIMIT_IP: '100000000', ETALASE_RATE_LIMIT_SESSION: '100000000', ...env },
    300_000,
  );
  try {
    const s = await scenarios(server);
    const closed = { connections: 10, duration: SECONDS };
    rows.push(await run(`${kind}: GET /api/health`, server.url, { ...closed, requests: [s.health] }));
    rows.push(await run(`${kind}: GET /api/outlets (alfamart)`, server.url, { ...closed, requests: [s.list] }));
    rows.push(await run(`${kind}: PATCH /api/outlets/:id`, server.url, { ...closed, requests: [s.write] }));
    if (fixed) {
      // Open-ended arrivals at a fixed rate: enough connections that a slow answer does not slow the sender.
      rows.push(
        await run(`${kind}: ${FIXED_RATE} req/s mixed for ${FIXED_SECONDS} s`, server.url, {
          connections: 200,
          duration: FIXED_SECONDS,
          rate: FIXED_RATE,
          requests: [s.list, s.write, s.health, s.list],
        }),
      );
    }
  } finally {
    server.proc.kill('SIGTERM');
    await server.exited;
  }
}

async function main() {
  const rows: Row[] = [];
  const hello = await helloServer();
  try {
    rows.push(await run('bare Fastify: GET / (hello)', hello.url, { connections: 10, duration: SECONDS, requests: [{ path: '/' }] }));
  } finally {
    hello.stop();
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-bench-http-'));
  try {
    await etalase('PGlite', { ETALASE_DATA_DIR: dir }, rows, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `etalase_bench_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-bench-http-'));
    try {
      await etalase('PostgreSQL', { DATABASE_URL: u.toString(), ETALASE_DATA_DIR: dataDir }, rows, false);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  console.log('\n| run | req/s (2xx) | p50 ms | p99 ms | 2xx | 503 | other errors | never answered |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.what} | ${f(r.reqPerS)} | ${f(r.p50)} | ${f(r.p99)} | ${r.ok} | ${r.busy} | ${r.other} | ${r.unserved} |`);
  }
}

await main();
