// A large import does not hold the server's only thread (issue 10, point 10; PGlite runs every statement on
// the event loop's thread): while the import's one transaction checks and stores its rows, /api/health
// still answers — each statement is followed by a turn of the event loop, and staging goes by COPY batches.
// No wall-clock assertion: only that answers arrive while the import is in that phase. On PostgreSQL the
// statements run in the server, and the same test holds.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { importFile } from './sales.service.ts';

const LINES = 40_000;
// Demo stores of Alfamart in Kota Bengkulu and products under the Alfamart PKS there (as in the crash test).
const STORES = ['A9TW', 'C3HH'];
const GTINS = ['8999533200389', '8997362600349', '8991193200105', '8996165800086'];

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await testApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-yield-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('answers /api/health while a large import checks and stores its rows', async () => {
  const day = new Date(TEST_NOW.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = day.split('-');
  const rows = ['kode_toko;tanggal;no_struk;baris;barcode;jumlah;harga'];
  for (let i = 0; i < LINES; i++) {
    rows.push(`${STORES[i % 2]};${d}/${m}/${y};Y${Math.floor(i / 4)};${(i % 4) + 1};${GTINS[i % GTINS.length]};${1 + (i % 3)};Rp12.500`);
  }
  const file = path.join(dir, 'large.csv');
  fs.writeFileSync(file, `${rows.join('\r\n')}\r\n`);
  const chain = await t.handle.db.selectFrom('organizations').select('id').where('chain_code', '=', 'alfamart').executeTakeFirstOrThrow();

  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/health`;
  let phase: 'read' | 'store' | 'committed' = 'read';
  const answered = { read: 0, store: 0, committed: 0 };
  let running = true;
  const probe = (async () => {
    while (running) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      answered[phase]++;
    }
  })();
  const result = await importFile(
    t.handle.db,
    { chainId: chain.id, source: 'cli', fileName: 'large.csv', correction: false, createdBy: null },
    file,
    // Pieces of 5,000 rows: the verdicts and the insert take eight statements each here.
    { phase: (p) => (phase = p), piece: 5_000 },
  );
  running = false;
  await probe;
  expect(result.summary).toMatchObject({ rows: LINES, imported: LINES, rejected: 0 });
  expect(answered.read).toBeGreaterThan(0);
  expect(answered.store).toBeGreaterThan(0);
  // Stored in pieces, the import is still exact and idempotent: the same file again is all duplicates.
  const again = await importFile(
    t.handle.db,
    { chainId: chain.id, source: 'cli', fileName: 'large.csv', correction: false, createdBy: null },
    file,
    { piece: 5_000 },
  );
  expect(again.summary).toMatchObject({ rows: LINES, imported: 0, duplicates: LINES, rejected: 0 });
  // A correction of one line in the middle of the file: its reversal and the new figure, in its piece.
  const changed = [...rows];
  changed[20_001] = (changed[20_001] as string).replace(/;Rp12\.500$/, ';Rp13.000');
  fs.writeFileSync(file, `${changed.join('\r\n')}\r\n`);
  const corrected = await importFile(
    t.handle.db,
    { chainId: chain.id, source: 'cli', fileName: 'large.csv', correction: true, createdBy: null },
    file,
    { piece: 5_000 },
  );
  expect(corrected.summary).toMatchObject({ rows: LINES, imported: 1, duplicates: LINES - 1, conflicts: 0, rejected: 0 });
}, 240_000);
