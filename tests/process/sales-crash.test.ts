// SIGKILL of the server during a large POS import (issue 10, acceptance), five times, each followed by a
// restart on the same data directory (PGlite on disk): each time the file is wholly in sales or wholly
// absent; importing it again then completes exactly once. The file has 100,000 lines (5.3 MB): on the
// embedded database a 1M-line import takes ~50 s, so five interrupted runs and a complete one of a 1M file
// would not fit the minute this test may take; 100,000 lines import in a few seconds, long enough for
// each kill to land mid-import (at a random point of it) — the one-transaction store is the same code.
// After each restart the import that was cut short is queued again (jobs.ts requeueInterrupted), so the
// file may come in by that rerun rather than by the last upload: either way, exactly once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { etalase, type Server, startServer } from './server.ts';

// POS_CRASH_LINES=1000000 runs the full-size file (minutes); the suite's default keeps CI short.
const LINES = Number(process.env.POS_CRASH_LINES ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-pos-crash-'));
const env = { ETALASE_DATA_DIR: dir };
let server: Server | undefined;

afterAll(async () => {
  if (server && server.proc.exitCode === null) {
    server.proc.kill('SIGKILL');
    await server.exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

// Demo stores of Alfamart in Kota Bengkulu and products under the Alfamart PKS there.
const STORES = ['A9TW', 'C3HH'];
const GTINS = [
  '8999533200389',
  '8997362600349',
  '8991193200105',
  '8996165800086',
  '8991853100134',
  '8996393100330',
  '8991853100141',
  '8992577800416',
];

function writeFile(file: string) {
  // A day the demo's PKS are in force: a few days before the day it was seeded (today).
  const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = day.split('-');
  const rows = ['kode_toko;tanggal;no_struk;baris;barcode;jumlah;harga'];
  for (let i = 0; i < LINES; i++) {
    rows.push(`${STORES[i % 2]};${d}/${m}/${y};K${Math.floor(i / 4)};${(i % 4) + 1};${GTINS[i % GTINS.length]};${1 + (i % 3)};Rp12.500`);
  }
  fs.writeFileSync(file, `${rows.join('\r\n')}\r\n`);
}

async function signIn(url: string) {
  let res: Response | null = null;
  for (let i = 0; i < 20 && res?.status !== 200; i++) {
    if (i) await new Promise((r) => setTimeout(r, 500));
    // As in linesIn: a rerun import may hold the embedded server's thread just after a restart.
    res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alfamart@demo.etalase.id', password: 'etalase-demo' }),
    }).catch(() => null);
  }
  if (!res) throw new Error('no answer to the sign-in');
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

async function upload(url: string, cookie: string, file: string): Promise<string> {
  const body = new FormData();
  body.set('file', new Blob([fs.readFileSync(file)]), 'besar.csv');
  let res: Response | null = null;
  // As in linesIn: just after a restart the rerun import may hold the embedded server's thread. A retried
  // upload that had in fact arrived is one more import of the same file: all duplicates, never twice in.
  for (let i = 0; i < 20 && !res; i++) {
    if (i) await new Promise((r) => setTimeout(r, 500));
    res = await fetch(`${url}/api/sales/imports`, { method: 'POST', headers: { cookie, origin: url }, body }).catch(() => null);
  }
  if (!res) throw new Error('no answer to the upload');
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json()).importId;
}

/** Lines in sales per the API. Right after a restart the server may be running the import a kill cut short
 *  (queued again): on PGlite its final statement holds the server's one thread, so a request can wait past
 *  the server's timeout and have its socket reset. Ask again. */
async function linesIn(url: string, cookie: string): Promise<number> {
  for (let i = 0; ; i++) {
    const res = await fetch(`${url}/api/sales/summary`, { headers: { cookie } }).catch((e) => {
      if (i >= 20) throw e;
      return null;
    });
    if (res?.status === 200) return ((await res.json()) as { lines: number }).lines;
    await new Promise((r) => setTimeout(r, 500));
  }
}

// The server child always runs on the embedded database (server.ts drops DATABASE_URL), so the suite's
// PostgreSQL pass would only repeat this same test: it runs in the embedded passes.
describe.skipIf(Boolean(process.env.DATABASE_URL))('POS import crash safety', () => {
  it(
    'five SIGKILLs mid-import: each time wholly in or wholly absent; then it completes exactly once',
    async () => {
      const seeded = etalase(['seed'], env);
      expect(seeded.status, seeded.stderr).toBe(0);
      const file = path.join(dir, 'besar.csv');
      writeFile(file);

      const seen: number[] = [];
      let base = -1; // the demo's own sales
      for (let kill = 0; kill < 5; kill++) {
        server = await startServer('serve', env);
        const cookie = await signIn(server.url);
        if (base < 0) base = await linesIn(server.url, cookie);
        await upload(server.url, cookie, file);
        // Somewhere inside the import (reading, staging, or the final transaction).
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 4000 * (LINES / 100_000)));
        server.proc.kill('SIGKILL');
        await server.exited;

        server = await startServer('serve', env);
        const n = await linesIn(server.url, await signIn(server.url));
        expect([base, base + LINES], `after kill ${kill + 1}`).toContain(n);
        seen.push(n - base);
        server.proc.kill('SIGKILL');
        await server.exited;
      }

      server = await startServer('serve', env);
      const cookie = await signIn(server.url);
      const id = await upload(server.url, cookie, file);
      let detail: { status: string; imported: number; duplicates: number; rejected: number } | undefined;
      for (let i = 0; i < 600 * Math.max(1, LINES / 100_000); i++) {
        // On PGlite the import's final statement runs on the server's one thread: a 1M-line file holds it for
        // tens of seconds, and a poll waiting behind it past the request timeout has its socket reset. Ask again.
        const res = await fetch(`${server.url}/api/sales/imports/${id}`, { headers: { cookie } }).catch(() => null);
        if (res?.status !== 200) {
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        detail = await res.json();
        if (detail && ['done', 'failed', 'refused'].includes(detail.status)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(detail).toMatchObject({ status: 'done', rejected: 0 });
      expect((detail?.imported ?? 0) + (detail?.duplicates ?? 0)).toBe(LINES);
      expect(await linesIn(server.url, cookie)).toBe(base + LINES);
      // The imports the kills cut short were taken up again when the server came back (it alone opens the
      // data directory): none is left "running" in the history, and the file is still in exactly once.
      const history = (await (await fetch(`${server.url}/api/sales/imports?limit=100`, { headers: { cookie } })).json()) as {
        items: { fileName: string | null; status: string }[];
      };
      const mine = history.items.filter((i) => i.fileName === 'besar.csv');
      expect(mine.length).toBeGreaterThanOrEqual(6);
      expect(mine.filter((i) => i.status !== 'done' && i.status !== 'failed')).toEqual([]);
      console.log(`lines after each kill: ${seen.join(', ')}`);
    },
    // ~220 s alone on the 2-core machine; the rest of the suite runs beside it
    420_000 * Math.max(1, LINES / 100_000),
  );
});
